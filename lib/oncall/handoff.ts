import { onCallAt, shiftBounds, type ScheduleOverride, type ScheduleRotation } from "@/lib/oncall/schedule";

/**
 * The handoff packet (issue 13) as pure functions: which handoff is due, what
 * the incoming on-call needs to know, and when an unacknowledged packet
 * reminds the outgoing person. No database, no clock.
 */

/** An unacknowledged packet notifies the outgoing person this long after the handoff. */
export const HANDOFF_ACK_REMINDER_MS = 30 * 60_000;
/** A handoff older than this when first seen (a job that was down for a day) gets no packet: it would be stale news. */
export const HANDOFF_CATCH_UP_MS = 24 * 3_600_000;

export type DueHandoff = { handoffAt: Date; previousHandoffAt: Date; nextHandoffAt: Date; incomingId: string; outgoingId: string | null };

/**
 * The rotation's most recent scheduled handoff at or before `now` (within the
 * catch-up window), with who comes in (overrides apply) and who goes out.
 * Null when nobody comes in (a gap or an invalid rotation), or the same person stays on call.
 */
export function dueHandoff(rotation: ScheduleRotation, overrides: ScheduleOverride[], now: Date): DueHandoff | null {
  if (!rotation.members.length) return null;
  const { start: handoffAt, end: nextHandoffAt, previousStart: previousHandoffAt } = shiftBounds(rotation, now);
  if (now.getTime() - handoffAt.getTime() > HANDOFF_CATCH_UP_MS) return null;
  const incoming = onCallAt(rotation, overrides, handoffAt);
  if (!incoming.ok) return null;
  const before = onCallAt(rotation, overrides, new Date(handoffAt.getTime() - 1));
  const outgoingId = before.ok ? before.userId : (before.gap?.userId ?? null);
  if (outgoingId === incoming.userId) return null;
  return { handoffAt, previousHandoffAt, nextHandoffAt, incomingId: incoming.userId, outgoingId };
}

export type PacketIncident = { id: string; number: number; title: string; severity: string; status: string; declaredAt: Date; lastUpdate: { at: Date; message: string } | null };
export type PacketChange = { id: string; number: number; description: string; status: string; plannedStart: Date | null; plannedEnd: Date | null };
export type PacketMaintenance = { id: string; number: number; title: string; windowStart: Date; windowEnd: Date };
export type PacketPage = { incidentId: string; incidentTitle: string; level: number; role: string; userName: string | null; at: Date };

export type HandoffContent = {
  rotation: { id: string; name: string; role: string };
  handoffAt: string;
  nextHandoffAt: string;
  previousHandoffAt: string;
  openIncidents: { id: string; number: number; title: string; severity: string; status: string; declaredAt: string; lastUpdate: { at: string; message: string } | null }[];
  changesInFlight: { id: string; number: number; description: string; status: string; plannedStart: string | null; plannedEnd: string | null }[];
  changesNextShift: { id: string; number: number; description: string; status: string; plannedStart: string | null; plannedEnd: string | null }[];
  maintenanceActive: { id: string; number: number; title: string; windowStart: string; windowEnd: string }[];
  maintenanceUpcoming: { id: string; number: number; title: string; windowStart: string; windowEnd: string }[];
  pagesLastShift: { incidentId: string; incidentTitle: string; level: number; role: string; userName: string | null; at: string }[];
};

const SEVERITY_RANK: Record<string, number> = { P1: 0, P2: 1, P3: 2, P4: 3 };
const STARTED = new Set(["In progress"]);
const PLANNED = new Set(["Approved", "Scheduled"]);
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const changeDto = (c: PacketChange) => ({ id: c.id, number: c.number, description: c.description, status: c.status, plannedStart: iso(c.plannedStart), plannedEnd: iso(c.plannedEnd) });
const windowDto = (w: PacketMaintenance) => ({ id: w.id, number: w.number, title: w.title, windowStart: w.windowStart.toISOString(), windowEnd: w.windowEnd.toISOString() });

/**
 * What the incoming on-call gets, from candidate rows (callers may pass more
 * than needed; the rules live here): open incidents (not Resolved) by
 * severity then age, each with its last update; changes in progress; changes
 * Approved/Scheduled whose planned start falls in the coming shift
 * [handoffAt, nextHandoffAt); maintenance active at the handoff and starting
 * in the coming shift; pages sent during the last shift [previousHandoffAt, handoffAt).
 */
export function buildHandoffPacket(input: {
  rotation: { id: string; name: string; role: string };
  handoff: Pick<DueHandoff, "handoffAt" | "nextHandoffAt" | "previousHandoffAt">;
  incidents: PacketIncident[];
  changes: PacketChange[];
  maintenance: PacketMaintenance[];
  pages: PacketPage[];
}): HandoffContent {
  const { handoffAt, nextHandoffAt, previousHandoffAt } = input.handoff;
  const h = handoffAt.getTime();
  const n = nextHandoffAt.getTime();
  const p = previousHandoffAt.getTime();
  const inNext = (d: Date | null) => !!d && d.getTime() >= h && d.getTime() < n;
  return {
    rotation: input.rotation,
    handoffAt: handoffAt.toISOString(),
    nextHandoffAt: nextHandoffAt.toISOString(),
    previousHandoffAt: previousHandoffAt.toISOString(),
    openIncidents: input.incidents
      .filter((i) => i.status !== "Resolved" && i.declaredAt.getTime() <= h)
      .sort((a, b) => (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) || a.declaredAt.getTime() - b.declaredAt.getTime())
      .map((i) => ({ id: i.id, number: i.number, title: i.title, severity: i.severity, status: i.status, declaredAt: i.declaredAt.toISOString(), lastUpdate: i.lastUpdate ? { at: i.lastUpdate.at.toISOString(), message: i.lastUpdate.message } : null })),
    changesInFlight: input.changes.filter((c) => STARTED.has(c.status)).sort((a, b) => a.number - b.number).map(changeDto),
    changesNextShift: input.changes
      .filter((c) => PLANNED.has(c.status) && inNext(c.plannedStart))
      .sort((a, b) => a.plannedStart!.getTime() - b.plannedStart!.getTime())
      .map(changeDto),
    maintenanceActive: input.maintenance.filter((w) => w.windowStart.getTime() <= h && h < w.windowEnd.getTime()).sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime()).map(windowDto),
    maintenanceUpcoming: input.maintenance.filter((w) => inNext(w.windowStart) && w.windowStart.getTime() > h).sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime()).map(windowDto),
    pagesLastShift: input.pages
      .filter((pg) => pg.at.getTime() >= p && pg.at.getTime() < h)
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((pg) => ({ ...pg, at: pg.at.toISOString() })),
  };
}

/** Whether an unacknowledged packet should notify the outgoing person now (once: `reminderSentAt` records it). */
export function reminderDue(packet: { handoffAt: Date; acknowledgedAt: Date | null; reminderSentAt: Date | null; outgoingId: string | null }, now: Date): boolean {
  return !packet.acknowledgedAt && !packet.reminderSentAt && !!packet.outgoingId && now.getTime() >= packet.handoffAt.getTime() + HANDOFF_ACK_REMINDER_MS;
}
