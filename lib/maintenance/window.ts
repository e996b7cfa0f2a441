/**
 * Maintenance window rules (SPEC.md §4) in one place: pure functions of the
 * window's data and `now`. Windows are half-open intervals [start, end): a
 * window that ends at 04:00 and one that starts at 04:00 do not overlap, and a
 * window is in progress from its start instant until (not including) its end.
 */
export const MAINTENANCE_TYPES = ["Patching", "Upgrade", "Migration"] as const;
export type MaintenanceTypeValue = (typeof MAINTENANCE_TYPES)[number];
export const ROLLBACK_VALUES = ["Available", "Not Available"] as const;
export type RollbackValue = (typeof ROLLBACK_VALUES)[number];

export type MaintenancePhase = "scheduled" | "in_progress" | "completed" | "cancelled";
export const PHASE_LABELS: Record<MaintenancePhase, string> = { scheduled: "Scheduled", in_progress: "In progress", completed: "Completed", cancelled: "Cancelled" };
export const MAINTENANCE_PHASES = ["scheduled", "in_progress", "completed", "cancelled"] as const satisfies readonly MaintenancePhase[];

export type Interval = { windowStart: Date; windowEnd: Date };
export type WindowLike = Interval & { id: string; componentIds: string[] };

/** The window rule: end strictly after start. Returns field errors, or null when valid. */
export function windowRuleErrors(w: Interval): Record<string, string> | null {
  if (Number.isNaN(w.windowStart.getTime())) return { windowStart: "Enter a valid start (UTC)" };
  if (Number.isNaN(w.windowEnd.getTime())) return { windowEnd: "Enter a valid end (UTC)" };
  if (w.windowEnd.getTime() <= w.windowStart.getTime()) return { windowEnd: "The window must end after it starts" };
  return null;
}

/** Half-open overlap: touching windows (one ends when the other starts) do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.windowStart.getTime() < b.windowEnd.getTime() && b.windowStart.getTime() < a.windowEnd.getTime();
}

export type Conflict<T extends WindowLike> = { window: T; sharedComponentIds: string[] };

/** Other windows overlapping `window` in time that share at least one component (never the window itself). */
export function conflicts<T extends WindowLike>(window: WindowLike, others: readonly T[]): Conflict<T>[] {
  const mine = new Set(window.componentIds);
  const out: Conflict<T>[] = [];
  for (const other of others) {
    if (other.id === window.id || !overlaps(window, other)) continue;
    const shared = other.componentIds.filter((c) => mine.has(c));
    if (shared.length) out.push({ window: other, sharedComponentIds: [...new Set(shared)] });
  }
  return out;
}

/**
 * scheduled before the start instant, in_progress from start until end
 * (exclusive), completed from the end instant; cancelled from the moment it
 * was cancelled (whatever the interval says).
 */
export function maintenancePhase(w: Interval & { cancelledAt?: Date | null }, now: Date): MaintenancePhase {
  const t = now.getTime();
  if (w.cancelledAt && w.cancelledAt.getTime() <= t) return "cancelled";
  if (t < w.windowStart.getTime()) return "scheduled";
  if (t < w.windowEnd.getTime()) return "in_progress";
  return "completed";
}

/**
 * Where the notification stands: "not_sent" (never notified), "sent" (the
 * current content was notified), "needs_renotify" (notified, then edited in a
 * way the notice shows: the next notice is a "Rescheduled" one).
 */
export type NotificationState = "not_sent" | "sent" | "needs_renotify";
export function notificationState(w: { notifiedAt: Date | null; noticeChangedAt: Date | null }): NotificationState {
  if (!w.notifiedAt) return "not_sent";
  return w.noticeChangedAt ? "needs_renotify" : "sent";
}

/** The fields a notification shows: an edit that changes any of them needs a re-notification. */
export type NoticeContent = Interval & {
  components: string[]; // names, in display order
  type: MaintenanceTypeValue;
  impact: string;
  rollback: RollbackValue;
  contact: string;
};

function utcDay(d: Date) {
  return d.toISOString().slice(0, 10);
}
function utcTime(d: Date) {
  return d.toISOString().slice(11, 16);
}

/** `2026-12-01 02:00 – 04:00 UTC`, or with both dates when the window crosses midnight UTC. */
export function formatWindow(w: Interval): string {
  const start = `${utcDay(w.windowStart)} ${utcTime(w.windowStart)}`;
  const end = utcDay(w.windowEnd) === utcDay(w.windowStart) ? utcTime(w.windowEnd) : `${utcDay(w.windowEnd)} ${utcTime(w.windowEnd)}`;
  return `${start} – ${end} UTC`;
}

export type NoticeKind = "Scheduled" | "Rescheduled";

/**
 * The cancel rule: a scheduled or in-progress window may be cancelled (an
 * in-progress one ends now); a cancelled or completed one may not. Returns the
 * reason it may not, or null.
 */
export function cancelRuleError(w: Interval & { cancelledAt?: Date | null }, now: Date): string | null {
  const phase = maintenancePhase(w, now);
  if (phase === "cancelled") return "This window is already cancelled";
  if (phase === "completed") return "This window has already ended; it cannot be cancelled";
  return null;
}

/** The Maintenance Notification block exactly as the template shows it (a cancellation adds its REASON). */
export function renderNotice(w: NoticeContent, kind: NoticeKind | "Cancelled" = "Scheduled", reason?: string | null): string {
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();
  return [
    `MAINTENANCE: ${kind}`,
    `WINDOW: ${formatWindow(w)}`,
    `AFFECTED: ${w.components.join(", ")}`,
    `TYPE: ${w.type}`,
    `IMPACT: ${oneLine(w.impact)}`,
    `ROLLBACK: ${w.rollback}`,
    `CONTACT: ${oneLine(w.contact)}`,
    ...(kind === "Cancelled" && reason ? [`REASON: ${oneLine(reason)}`] : []),
  ].join("\n");
}

/** True when an edit changes what the notification says (so a sent notice is out of date). */
export function noticeChanged(before: NoticeContent, after: NoticeContent): boolean {
  const sorted = (xs: string[]) => [...xs].sort().join("\u0000");
  return (
    before.windowStart.getTime() !== after.windowStart.getTime() ||
    before.windowEnd.getTime() !== after.windowEnd.getTime() ||
    sorted(before.components) !== sorted(after.components) ||
    before.type !== after.type ||
    before.impact !== after.impact ||
    before.rollback !== after.rollback ||
    before.contact !== after.contact
  );
}

/**
 * Parses a form/API date-time as UTC: ISO 8601 with a zone (`Z`, `+02:00`) as
 * given, and a zone-less `YYYY-MM-DDTHH:mm[:ss]` (what `<input type=datetime-local>`
 * sends) as UTC. Returns null when it is not a date-time.
 */
export function parseUtcDateTime(value: string): Date | null {
  const v = value.trim();
  const local = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.exec(v);
  const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.exec(v);
  if (!local && !zoned) return null;
  const d = new Date(local ? `${v.replace(" ", "T")}Z` : v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `YYYY-MM-DDTHH:mm` in UTC: the value for a datetime-local input that is read as UTC. */
export function toUtcInputValue(d: Date | null | undefined): string {
  return d ? d.toISOString().slice(0, 16) : "";
}

/** Change statuses (Prisma keys) a window may be linked to: open work only. */
export const LINKABLE_CHANGE_STATUSES = ["Draft", "Submitted", "Approved", "Scheduled", "InProgress"] as const;
/** Before approval a change's window may be swapped; from approval on it is the gate's evidence and stays linked. */
export const UNLINKABLE_CHANGE_STATUSES = ["Draft", "Submitted", "Rejected", "Cancelled"] as const;

/**
 * Link rule for `changeIds` edits: added changes must be open, removed ones
 * must not yet be approved. Returns a message for the `changeIds` field, or null.
 */
export function linkRuleError(added: { number: number; status: string }[], removed: { number: number; status: string }[]): string | null {
  const badAdd = added.filter((c) => !(LINKABLE_CHANGE_STATUSES as readonly string[]).includes(c.status));
  if (badAdd.length) return `Only open changes can be linked (CR-${badAdd.map((c) => c.number).join(", CR-")} is closed)`;
  const badRemove = removed.filter((c) => !(UNLINKABLE_CHANGE_STATUSES as readonly string[]).includes(c.status));
  if (badRemove.length) return `CR-${badRemove.map((c) => c.number).join(", CR-")} was approved with this window; it cannot be unlinked`;
  return null;
}
