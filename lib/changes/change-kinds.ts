import { EVENT_FOR_TARGET, STATUS_LABEL, transition, type ChangeEvent, type ChangeStatusKey, type TransitionResult } from "@/lib/changes/state-machine";

/**
 * Change kinds (issue 18), beside TYPE New/Modify/Remove: Standard (filed from
 * an ARCHITECT's pre-approved template), Normal (today's flow, state-machine.ts)
 * and Emergency (may start before approval while a linked P1/P2 is open, then
 * approved retroactively within 24 h). Pure: the facts the rules need come in
 * as `ctx`, `now` is a parameter.
 */
export const CHANGE_KINDS = ["Standard", "Normal", "Emergency"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export type KindContext = {
  /** Standard: the derived Change Approval gate items hold (the template's approval then counts). */
  gateHolds?: boolean;
  /** Emergency: an open P1/P2 incident is linked to the change. */
  linkedMajorIncident?: boolean;
};

export type KindTransitionResult = (TransitionResult & { ok: true; approvedBy?: "template"; retroactive?: boolean }) | (TransitionResult & { ok: false });

/** The retroactive approval deadline of an Emergency change that started unapproved. */
export const EMERGENCY_APPROVAL_HOURS = 24;

/** Statuses after a start, where an Emergency change may still receive its (retroactive) approval. */
const STARTED: readonly ChangeStatusKey[] = ["InProgress", "Completed", "Failed", "RolledBack"];

/**
 * `transitionForKind(kind, change, event, ctx, now)`: the next status for the
 * event under the kind's table, or why it is refused.
 * - Normal: exactly `transition` (state-machine.ts).
 * - Standard: `submit` goes straight to Scheduled when the derived gate holds
 *   (the template's approval is the approval), else to Submitted to wait for the
 *   items; `schedule` from Submitted (once the items hold, e.g. after the window's
 *   notification) and `approve` from Submitted are the template approval;
 *   no human approval or rejection.
 * - Emergency: additionally `start` from Submitted or Approved when an open P1/P2
 *   is linked; `approve` after a start records the retroactive approval and
 *   leaves the status as it is.
 */
export function transitionForKind(kind: ChangeKind, change: { status: ChangeStatusKey }, event: ChangeEvent, ctx: KindContext, now: Date): KindTransitionResult {
  if (kind === "Standard") {
    if (event === "submit" && change.status === "Draft") return ctx.gateHolds ? { ok: true, next: "Scheduled", approvedBy: "template" } : { ok: true, next: "Submitted" };
    if (event === "approve" && change.status === "Submitted") {
      if (!ctx.gateHolds) return { ok: false, reason: "A Standard change is approved by its template once the Change Approval gate items hold; they do not hold yet" };
      return { ok: true, next: "Approved", approvedBy: "template" };
    }
    if (event === "schedule" && change.status === "Submitted") {
      if (!ctx.gateHolds) return { ok: false, reason: "A Standard change is scheduled on its template's approval once the Change Approval gate items hold; they do not hold yet" };
      return { ok: true, next: "Scheduled", approvedBy: "template" };
    }
    if (event === "reject") return { ok: false, reason: "A Standard change is pre-approved by its template; there is no human review to reject it (cancel it instead)" };
    return transition(change, event, now);
  }
  if (kind === "Emergency") {
    if (event === "start" && (change.status === "Submitted" || change.status === "Approved")) {
      if (!ctx.linkedMajorIncident) return { ok: false, reason: `An Emergency change starts before approval only while an open P1/P2 incident is linked to it (it is ${STATUS_LABEL[change.status]})` };
      return { ok: true, next: "InProgress" };
    }
    if (event === "approve" && STARTED.includes(change.status)) return { ok: true, next: change.status, retroactive: true };
    return transition(change, event, now);
  }
  return transition(change, event, now);
}

/** When an Emergency change that started unapproved must be approved by. */
export function retroactiveDeadline(startedAt: Date): Date {
  return new Date(startedAt.getTime() + EMERGENCY_APPROVAL_HOURS * 3600_000);
}

export type EmergencyApprovalState = "approved" | "pending" | "overdue";

/** An Emergency change's retroactive approval: approved, pending (before the deadline) or overdue (at/after it). */
export function emergencyApprovalState(startedAt: Date, approvedAt: Date | null, now: Date): EmergencyApprovalState {
  if (approvedAt) return "approved";
  return now.getTime() >= retroactiveDeadline(startedAt).getTime() ? "overdue" : "pending";
}

/** The targets `POST /transition` may reach now under the kind's table (approve/reject go through approvals). */
export function allowedTargetsForKind(kind: ChangeKind, status: ChangeStatusKey, ctx: KindContext, now: Date): ChangeStatusKey[] {
  return (Object.entries(EVENT_FOR_TARGET) as [ChangeStatusKey, ChangeEvent][]).filter(([, ev]) => transitionForKind(kind, { status }, ev, ctx, now).ok).map(([to]) => to);
}

/** Whether an approval decision is open on a change of this kind now: Submitted (not Standard), or an Emergency change that started unapproved. */
export function decisionOpen(kind: ChangeKind, status: ChangeStatusKey, hasApproval: boolean): boolean {
  if (kind === "Standard") return false;
  if (status === "Submitted") return true;
  return kind === "Emergency" && STARTED.includes(status) && !hasApproval;
}
