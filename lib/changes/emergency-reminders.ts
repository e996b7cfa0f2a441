import { retroactiveDeadline } from "@/lib/changes/change-kinds";

/**
 * Reminders before an Emergency change's 24 h retroactive-approval deadline
 * (issue 18), pure: at 12 h, 4 h and 1 h before the deadline, and once when it
 * has passed. Each slot has its own dedupe key, so a job that runs every few
 * seconds (or on several instances) sends each reminder once.
 */
export const REMINDER_HOURS_BEFORE = [12, 4, 1] as const;

export type EmergencyReminder = { slot: string; deadline: Date; overdue: boolean; dedupeKey: string };

/** The reminder due at `now` for a change that started unapproved at `startedAt`, or null (approved, or before the first slot). */
export function emergencyReminderDue(change: { id: string; startedAt: Date; approved: boolean }, now: Date): EmergencyReminder | null {
  if (change.approved) return null;
  const deadline = retroactiveDeadline(change.startedAt);
  const t = now.getTime();
  if (t >= deadline.getTime()) return { slot: "overdue", deadline, overdue: true, dedupeKey: `change:${change.id}:emergency-approval:overdue` };
  // the latest slot already reached (a job that was down sends only the most recent one)
  const reached = REMINDER_HOURS_BEFORE.filter((h) => t >= deadline.getTime() - h * 3600_000);
  if (!reached.length) return null;
  const h = reached[reached.length - 1];
  return { slot: `${h}h`, deadline, overdue: false, dedupeKey: `change:${change.id}:emergency-approval:${h}h` };
}
