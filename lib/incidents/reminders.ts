/**
 * Update reminders (issue 5 §4): an open incident that has had no update for
 * its severity's interval reminds the commander, once per interval. Pure.
 */
import type { IncidentStatusValue, SeverityLevel } from "./state-machine";

export type ReminderPolicy = Record<SeverityLevel, number>;

export type ReminderSubject = { id: string; severity: SeverityLevel; status: IncidentStatusValue; lastUpdateAt: Date };

export type ReminderDue = {
  /** how many whole intervals have passed without an update (1 = the first reminder) */
  slot: number;
  /** when this slot's reminder became due */
  dueAt: Date;
  /** unique per incident, last update and slot: a second send of the same reminder is a no-op */
  dedupeKey: string;
  silentForMs: number;
};

/** Builds the policy from durations in ms: P1 and P2 configured, P3/P4 the default. */
export function reminderPolicy(p1: number, p2: number, fallback: number): ReminderPolicy {
  return { P1: p1, P2: p2, P3: fallback, P4: fallback };
}

/** The reminder due now for this incident, or null (resolved, or updated within its interval). */
export function reminderDue(incident: ReminderSubject, policy: ReminderPolicy, now: Date): ReminderDue | null {
  if (incident.status === "Resolved") return null;
  const interval = policy[incident.severity];
  if (!(interval > 0)) return null;
  const silentForMs = now.getTime() - incident.lastUpdateAt.getTime();
  if (silentForMs < interval) return null;
  const slot = Math.floor(silentForMs / interval);
  return {
    slot,
    dueAt: new Date(incident.lastUpdateAt.getTime() + slot * interval),
    dedupeKey: `incident-reminder:${incident.id}:${incident.lastUpdateAt.getTime()}:${slot}`,
    silentForMs,
  };
}

/** "1 h 5 min", "30 min", "45 s": for reminder texts and MTTA/MTTR. */
export function formatDurationMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const total = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d) return `${d} d ${h} h`;
  if (h) return m ? `${h} h ${m} min` : `${h} h`;
  if (m) return s && m < 10 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}
