import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { STATUS_LABEL } from "@/lib/changes/state-machine";
import { notify } from "@/lib/jobs/outbox";
import { buildHandoffPacket, dueHandoff, HANDOFF_ACK_REMINDER_MS, HANDOFF_CATCH_UP_MS, reminderDue, type HandoffContent } from "@/lib/oncall/handoff";
import { loadRotations } from "@/lib/oncall/queries";
import { formatUtc } from "@/lib/utils";
import { parseInput } from "@/lib/validation";

const packetSelect = {
  id: true,
  rotationId: true,
  rotation: { select: { id: true, name: true } },
  handoffAt: true,
  nextHandoffAt: true,
  incoming: { select: { id: true, name: true } },
  outgoing: { select: { id: true, name: true } },
  content: true,
  acknowledgedAt: true,
  reminderSentAt: true,
} as const;

type PacketRow = {
  id: string;
  rotation: { id: string; name: string };
  handoffAt: Date;
  nextHandoffAt: Date;
  incoming: { id: string; name: string };
  outgoing: { id: string; name: string } | null;
  content: Prisma.JsonValue;
  acknowledgedAt: Date | null;
  reminderSentAt: Date | null;
};

export function toHandoffDto(p: PacketRow) {
  return {
    id: p.id,
    rotation: p.rotation,
    handoffAt: p.handoffAt.toISOString(),
    nextHandoffAt: p.nextHandoffAt.toISOString(),
    incoming: p.incoming,
    outgoing: p.outgoing,
    content: p.content as unknown as HandoffContent,
    acknowledgedAt: p.acknowledgedAt?.toISOString() ?? null,
    reminderSentAt: p.reminderSentAt?.toISOString() ?? null,
  };
}
export type HandoffDto = ReturnType<typeof toHandoffDto>;

/** The rows the pure builder chooses from, for a handoff at `h` with the next at `n` and the previous at `p`. */
async function packetInputs(role: string, p: Date, h: Date, n: Date) {
  const [incidents, changes, maintenance, pages] = await Promise.all([
    db.incident.findMany({
      where: { status: { not: "Resolved" }, declaredAt: { lte: h } },
      select: { id: true, number: true, title: true, severity: true, status: true, declaredAt: true, updates: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true, message: true } } },
      take: 200,
    }),
    db.changeRequest.findMany({
      where: { OR: [{ status: "InProgress" }, { status: { in: ["Approved", "Scheduled"] }, plannedStart: { gte: h, lt: n } }] },
      select: { id: true, number: true, description: true, status: true, plannedStart: true, plannedEnd: true },
      take: 200,
    }),
    db.maintenanceWindow.findMany({ where: { windowEnd: { gt: h }, windowStart: { lt: n } }, select: { id: true, number: true, title: true, windowStart: true, windowEnd: true }, take: 200 }),
    db.escalationPage.findMany({
      where: { at: { gte: p, lt: h }, role: role as Prisma.EscalationPageWhereInput["role"] },
      select: { incidentId: true, level: true, role: true, at: true, user: { select: { name: true } }, incident: { select: { title: true } } },
      orderBy: { at: "asc" },
      take: 200,
    }),
  ]);
  return {
    incidents: incidents.map((i) => ({ ...i, lastUpdate: i.updates[0] ? { at: i.updates[0].createdAt, message: i.updates[0].message } : null })),
    changes: changes.map((c) => ({ ...c, status: STATUS_LABEL[c.status] })),
    maintenance,
    pages: pages.map((pg) => ({ incidentId: pg.incidentId, incidentTitle: pg.incident.title, level: pg.level, role: pg.role, userName: pg.user?.name ?? null, at: pg.at })),
  };
}

const summary = (c: HandoffContent) =>
  `${c.openIncidents.length} open incident(s), ${c.changesInFlight.length} change(s) in progress, ${c.changesNextShift.length} scheduled this shift, ${c.maintenanceActive.length + c.maintenanceUpcoming.length} maintenance window(s), ${c.pagesLastShift.length} page(s) last shift`;

/**
 * The handoff job (lib/jobs/start.ts), idempotent and safe on several
 * instances: for every rotation whose scheduled handoff has passed, write its
 * packet once (unique on rotation + handoff instant) and notify the incoming
 * on-call; then, for packets still unacknowledged 30 minutes after their
 * handoff, notify the outgoing person once (claimed by setting reminderSentAt).
 */
export async function runHandoffs(now: Date) {
  const rotations = await loadRotations(db, { from: new Date(now.getTime() - HANDOFF_CATCH_UP_MS - 86_400_000), to: new Date(now.getTime() + 1) });
  const due = rotations.flatMap((r) => {
    const d = dueHandoff(r, r.overrides, now);
    return d ? [{ r, d }] : [];
  });
  const existing = due.length
    ? await db.handoffPacket.findMany({ where: { OR: due.map(({ r, d }) => ({ rotationId: r.id, handoffAt: d.handoffAt })) }, select: { rotationId: true, handoffAt: true } })
    : [];
  const have = new Set(existing.map((e) => `${e.rotationId}:${e.handoffAt.getTime()}`));
  let created = 0;
  for (const { r, d } of due) {
    if (have.has(`${r.id}:${d.handoffAt.getTime()}`)) continue;
    const content = buildHandoffPacket({ rotation: { id: r.id, name: r.name, role: r.role }, handoff: d, ...(await packetInputs(r.role, d.previousHandoffAt, d.handoffAt, d.nextHandoffAt)) });
    await db.$transaction(async (tx) => {
      const rows = await tx.handoffPacket.createManyAndReturn({
        data: [{ rotationId: r.id, handoffAt: d.handoffAt, nextHandoffAt: d.nextHandoffAt, incomingId: d.incomingId, outgoingId: d.outgoingId, content: content as unknown as Prisma.InputJsonObject }],
        skipDuplicates: true,
        select: { id: true },
      });
      if (!rows.length) return; // another instance wrote it
      created++;
      await audit(tx, { actor: { system: "handoffs" }, action: "handoff.packet_created", entity: "HandoffPacket", entityId: rows[0].id, data: { rotationId: r.id, handoffAt: d.handoffAt, incomingId: d.incomingId, outgoingId: d.outgoingId } });
      await notify(
        tx,
        [d.incomingId],
        {
          title: `Handoff: you are on call for ${r.name} until ${formatUtc(d.nextHandoffAt)}`,
          body: `Your handoff packet: ${summary(content)}. Acknowledge it on the On-call page.`,
          link: "/oncall#handoff",
          event: "handoff.packet",
          data: { packetId: rows[0].id, rotationId: r.id },
          dedupeKey: `handoff:${rows[0].id}:packet`,
        },
        now,
      );
    });
  }

  const candidates = await db.handoffPacket.findMany({
    where: { acknowledgedAt: null, reminderSentAt: null, outgoingId: { not: null }, handoffAt: { lte: new Date(now.getTime() - HANDOFF_ACK_REMINDER_MS), gt: new Date(now.getTime() - HANDOFF_CATCH_UP_MS) } },
    select: { id: true, handoffAt: true, acknowledgedAt: true, reminderSentAt: true, outgoingId: true, rotation: { select: { name: true } }, incoming: { select: { name: true } } },
    take: 100,
  });
  let reminded = 0;
  for (const p of candidates.filter((c) => reminderDue(c, now))) {
    await db.$transaction(async (tx) => {
      const claimed = await tx.handoffPacket.updateMany({ where: { id: p.id, acknowledgedAt: null, reminderSentAt: null }, data: { reminderSentAt: now } });
      if (!claimed.count) return;
      reminded++;
      await audit(tx, { actor: { system: "handoffs" }, action: "handoff.reminder_sent", entity: "HandoffPacket", entityId: p.id, data: { outgoingId: p.outgoingId, handoffAt: p.handoffAt } });
      await notify(
        tx,
        [p.outgoingId!],
        {
          title: `Handoff not acknowledged: ${p.rotation.name}`,
          body: `${p.incoming.name} has not acknowledged the handoff packet of ${formatUtc(p.handoffAt)} after 30 minutes. Check they are reachable before you go.`,
          link: "/oncall#handoff",
          event: "handoff.unacknowledged",
          data: { packetId: p.id },
          dedupeKey: `handoff:${p.id}:reminder`,
        },
        now,
      );
    });
  }
  return { created, reminded };
}

/** The incoming on-call acknowledges their packet in one click (audited once; a repeat changes nothing). */
export async function acknowledgeHandoff({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "handoffs.acknowledge");
  const { id } = parseInput(z.object({ id: z.string().trim().min(1, "Packet id is required").max(64) }), input);
  return db.$transaction(async (tx) => {
    const packet = await tx.handoffPacket.findUnique({ where: { id }, select: { incomingId: true } });
    if (!packet) throw new NotFoundError("Handoff packet");
    if (packet.incomingId !== actor.id) throw new ForbiddenError("Only the incoming on-call acknowledges their handoff packet");
    const claimed = await tx.handoffPacket.updateMany({ where: { id, acknowledgedAt: null }, data: { acknowledgedAt: now } });
    if (claimed.count) await audit(tx, { actor, action: "handoff.acknowledged", entity: "HandoffPacket", entityId: id, data: { acknowledgedAt: now } });
    return toHandoffDto(await tx.handoffPacket.findUniqueOrThrow({ where: { id }, select: packetSelect }));
  });
}

export const listHandoffsQuerySchema = z.object({
  rotationId: z.string().trim().max(64).optional(),
  mine: z.enum(["true", "false"]).optional(),
});

/** Packets, newest handoff first; `mine`: those the caller received or handed over. */
export async function listHandoffs(query: unknown, page: { limit: number; cursor?: string }, actor: Actor) {
  const q = parseInput(listHandoffsQuerySchema, query);
  const rows = await db.handoffPacket.findMany({
    where: { ...(q.rotationId ? { rotationId: q.rotationId } : {}), ...(q.mine === "true" ? { OR: [{ incomingId: actor.id }, { outgoingId: actor.id }] } : {}) },
    orderBy: [{ handoffAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
    select: packetSelect,
  });
  return rows.map(toHandoffDto);
}

/** The latest packet of each rotation (what the On-call page shows). */
export async function latestHandoffs() {
  const rows = await db.handoffPacket.findMany({ distinct: ["rotationId"], orderBy: [{ rotationId: "asc" }, { handoffAt: "desc" }], select: packetSelect });
  return rows.map(toHandoffDto);
}
