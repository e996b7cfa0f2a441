/**
 * The change-request lifecycle (SPEC.md §2) as a pure function. Statuses use
 * the Prisma enum keys (`InProgress`, `RolledBack`); `STATUS_LABEL` gives the
 * user-facing values that API.md and the database use ("In progress").
 */
export const CHANGE_STATUSES = ["Draft", "Submitted", "Approved", "Scheduled", "InProgress", "Completed", "Failed", "RolledBack", "Rejected", "Cancelled"] as const;
export type ChangeStatusKey = (typeof CHANGE_STATUSES)[number];

export const STATUS_LABEL: Record<ChangeStatusKey, string> = {
  Draft: "Draft",
  Submitted: "Submitted",
  Approved: "Approved",
  Scheduled: "Scheduled",
  InProgress: "In progress",
  Completed: "Completed",
  Failed: "Failed",
  RolledBack: "Rolled back",
  Rejected: "Rejected",
  Cancelled: "Cancelled",
};
export const STATUS_LABELS = CHANGE_STATUSES.map((s) => STATUS_LABEL[s]) as [string, ...string[]];

/** "In progress" → "InProgress"; also accepts the key itself. */
export function statusFromLabel(value: string): ChangeStatusKey | undefined {
  return CHANGE_STATUSES.find((s) => s === value || STATUS_LABEL[s] === value);
}

export const CHANGE_EVENTS = ["submit", "approve", "reject", "schedule", "start", "complete", "fail", "rollback", "cancel"] as const;
export type ChangeEvent = (typeof CHANGE_EVENTS)[number];

/** The open states: a change here may still be cancelled (Rejected comes only from review). */
export const OPEN_STATUSES: readonly ChangeStatusKey[] = ["Draft", "Submitted", "Approved", "Scheduled"];
export const TERMINAL_STATUSES: readonly ChangeStatusKey[] = ["Completed", "Failed", "RolledBack", "Rejected", "Cancelled"];

const TABLE: Record<ChangeEvent, Partial<Record<ChangeStatusKey, ChangeStatusKey>>> = {
  submit: { Draft: "Submitted" },
  approve: { Submitted: "Approved" },
  reject: { Submitted: "Rejected" },
  schedule: { Approved: "Scheduled" },
  start: { Scheduled: "InProgress" },
  complete: { InProgress: "Completed" },
  fail: { InProgress: "Failed" },
  rollback: { InProgress: "RolledBack", Failed: "RolledBack" },
  cancel: { Draft: "Cancelled", Submitted: "Cancelled", Approved: "Cancelled", Scheduled: "Cancelled" },
};

/** The event that moves a change into `to` (used by `POST /transition {to}`). */
export const EVENT_FOR_TARGET: Partial<Record<ChangeStatusKey, ChangeEvent>> = {
  Submitted: "submit",
  Scheduled: "schedule",
  InProgress: "start",
  Completed: "complete",
  Failed: "fail",
  RolledBack: "rollback",
  Cancelled: "cancel",
};

export type TransitionResult = { ok: true; next: ChangeStatusKey } | { ok: false; reason: string };

/**
 * `transition(change, event, now)`: the next status, or why the event is
 * refused. Gates (approval, readiness) are separate pure checks the commands
 * run; `now` is accepted so every pure rule has the same shape.
 */
export function transition(change: { status: ChangeStatusKey }, event: ChangeEvent, now: Date): TransitionResult {
  void now;
  const next = TABLE[event][change.status];
  if (next) return { ok: true, next };
  const from = STATUS_LABEL[change.status];
  if (TERMINAL_STATUSES.includes(change.status)) return { ok: false, reason: `The change is ${from}; a closed change cannot ${event}` };
  const allowedFrom = Object.keys(TABLE[event]).map((s) => STATUS_LABEL[s as ChangeStatusKey]);
  return { ok: false, reason: `Cannot ${event} a change that is ${from} (only from ${allowedFrom.join(", ")})` };
}

/** The targets reachable now through `POST /transition` (approve/reject go through approvals). */
export function allowedTargets(status: ChangeStatusKey, now: Date): ChangeStatusKey[] {
  return (Object.entries(EVENT_FOR_TARGET) as [ChangeStatusKey, ChangeEvent][]).filter(([, ev]) => transition({ status }, ev, now).ok).map(([to]) => to);
}
