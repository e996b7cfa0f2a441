import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { verifyAckToken } from "@/lib/incidents/ack-link";
import { ackSecret } from "@/lib/incidents/ack-secret";
import { log } from "@/lib/log";
import { applyAcknowledgement } from "./acknowledge-incident";
import { loadIncident, TX_OPTIONS } from "./load";

export type AckLinkOutcome =
  | { ok: true; incidentId: string; number: number; title: string; alreadyAcknowledged: boolean; acknowledgedBy: string | null }
  | { ok: false; reason: "malformed" | "tampered" | "expired" | "used" | "not_allowed" | "resolved" };

/** What the confirm page shows before the click: never acknowledges (link scanners open GETs). */
export async function peekAckLink(token: string, now: Date = new Date()) {
  const v = verifyAckToken(ackSecret(), token, now);
  if (!v.ok) return { ok: false as const, reason: v.reason };
  if (await db.ackLinkUse.findUnique({ where: { nonce: v.claims.nonce }, select: { nonce: true } })) return { ok: false as const, reason: "used" as const };
  const incident = await db.incident.findUnique({ where: { id: v.claims.incidentId }, select: { number: true, title: true, severity: true, status: true, acknowledgedAt: true } });
  const user = await db.user.findUnique({ where: { id: v.claims.userId }, select: { name: true, active: true } });
  if (!incident || !user?.active) return { ok: false as const, reason: "not_allowed" as const };
  return { ok: true as const, incident, userName: user.name, expiresAt: v.claims.expiresAt };
}

/**
 * The signed one-click acknowledge link (issue 13): no sign-in, the link is
 * the credential. Refused when malformed, tampered, expired, already used
 * (its nonce is spent in AckLinkUse in the same transaction as the
 * acknowledgement, so two clicks race to one winner), when its person is
 * deactivated or was never paged for the incident, or when the incident is
 * resolved. Recorded as acknowledged by that person, audited with
 * `via: "ack_link"`, and shown in the incident timeline.
 */
export async function acknowledgeByLink({ token, now = new Date() }: { token: unknown; now?: Date }): Promise<AckLinkOutcome> {
  if (typeof token !== "string") return { ok: false, reason: "malformed" };
  const v = verifyAckToken(ackSecret(), token, now);
  if (!v.ok) return { ok: false, reason: v.reason };
  const { incidentId, userId, nonce } = v.claims;
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, role: true, active: true } });
  if (!user?.active) return { ok: false, reason: "not_allowed" };
  const paged = await db.escalationPage.findFirst({ where: { incidentId, userId }, select: { id: true } });
  if (!paged) return { ok: false, reason: "not_allowed" };
  try {
    return await db.$transaction(async (tx) => {
      await tx.ackLinkUse.create({ data: { nonce, incidentId, userId, usedAt: now } });
      const incident = await loadIncident(tx, incidentId);
      if (incident.status === "Resolved") return { ok: false, reason: "resolved" } as const;
      const actor = { id: user.id, email: user.email, name: user.name, role: user.role };
      const res = await applyAcknowledgement(tx, actor, incident, now, "ack_link");
      const by = res.acknowledgedById ? await tx.user.findUnique({ where: { id: res.acknowledgedById }, select: { name: true } }) : null;
      return { ok: true, incidentId, number: incident.number, title: incident.title, alreadyAcknowledged: res.alreadyAcknowledged, acknowledgedBy: by?.name ?? null } as const;
    }, TX_OPTIONS);
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return { ok: false, reason: "used" };
    log.error({ err, incidentId }, "acknowledge by link failed");
    throw err;
  }
}
