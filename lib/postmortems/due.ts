/**
 * Postmortem due dates and whether one is required (issue 19). Pure: `now`
 * and the policy come from the caller. Business days are Monday–Friday in UTC.
 */
import { millisecondsInDay } from "date-fns/constants";
export type SeverityLevel = "P1" | "P2" | "P3" | "P4";

export type PostmortemPolicy = {
  /** severities whose resolution creates a required postmortem */
  requiredFor: readonly SeverityLevel[];
  /** business days from resolution to the due date */
  dueBusinessDays: number;
};

export const DEFAULT_POSTMORTEM_POLICY: PostmortemPolicy = { requiredFor: ["P1", "P2"], dueBusinessDays: 5 };

const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/**
 * The instant `days` business days after `from`, at the same UTC time of day.
 * A start on a weekend counts from the following Monday 00:00 UTC (a Saturday
 * resolution is due as if it had happened at the start of Monday).
 */
export function addBusinessDays(from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError("days must be a non-negative integer");
  let d = new Date(from.getTime());
  if (isWeekend(d)) {
    while (isWeekend(d)) d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
  }
  let left = days;
  while (left > 0) {
    d = new Date(d.getTime() + millisecondsInDay);
    if (!isWeekend(d)) left -= 1;
  }
  return d;
}

/** Whether resolving an incident of this severity requires a postmortem. */
export function postmortemRequired(severity: SeverityLevel, policy: PostmortemPolicy = DEFAULT_POSTMORTEM_POLICY): boolean {
  return policy.requiredFor.includes(severity);
}

/** Parses OPSGATE_POSTMORTEM_REQUIRED ("P1,P2", "" = none) into severities; unknown tokens are refused. */
export function parseRequiredSeverities(value: string): SeverityLevel[] {
  const tokens = value.split(",").map((t) => t.trim().toUpperCase()).filter(Boolean);
  for (const t of tokens) if (!["P1", "P2", "P3", "P4"].includes(t)) throw new RangeError(`unknown severity ${t}`);
  return [...new Set(tokens)] as SeverityLevel[];
}

export type ReminderSubject = { id: string; status: "Draft" | "InReview" | "Published"; dueAt: Date };

/**
 * The reminder due for an unpublished postmortem: one the business day before
 * the due date ("due-soon") and one per day once overdue ("overdue:N").
 * The key is the outbox dedupe key, so a second run sends nothing.
 */
export function postmortemReminderDue(pm: ReminderSubject, now: Date): { kind: "due-soon" | "overdue"; dedupeKey: string } | null {
  if (pm.status === "Published") return null;
  const late = now.getTime() - pm.dueAt.getTime();
  if (late >= 0) {
    const day = Math.floor(late / millisecondsInDay);
    return { kind: "overdue", dedupeKey: `postmortem-reminder:${pm.id}:overdue:${day}` };
  }
  if (-late <= millisecondsInDay) return { kind: "due-soon", dedupeKey: `postmortem-reminder:${pm.id}:due-soon` };
  return null;
}
