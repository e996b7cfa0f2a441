import { can, type Role } from "@/lib/auth/permissions";

/**
 * Record-level rules for changes (SPEC.md §2), pure: who may approve, when the
 * required set of approvals is complete, who may move a change, and the
 * change freeze while a P1/P2 incident is open on the component.
 */
export type RuleActor = { id: string; role: Role };
export type RuleChange = { requesterId: string; ownerRole: Role; structural: boolean; riskLevel: string | null };
export type RuleApproval = { approverId: string; approverRole: Role; decision: "approve" | "reject" };

export type RuleResult = { ok: true } | { ok: false; code: "forbidden" | "conflict"; reason: string };

/** Structural or High-risk changes need an ARCHITECT approval in addition to the owner's. */
export function needsArchitect(change: Pick<RuleChange, "structural" | "riskLevel">): boolean {
  return change.structural || change.riskLevel === "High";
}

/** The approvals a change needs, in words (shown on the detail page). */
export function requiredApprovalsText(change: RuleChange): string {
  return needsArchitect(change)
    ? `Two approvals by two people: one holding ${change.ownerRole} or ARCHITECT, and one ARCHITECT (${change.structural ? "structural" : "High risk"})`
    : `One approval by a holder of ${change.ownerRole} or an ARCHITECT`;
}

/** May this actor approve or reject this change at all (role and separation of duties)? */
export function approverEligibility(actor: RuleActor, change: RuleChange, approvals: RuleApproval[]): RuleResult {
  if (!can(actor.role, "changes.approve")) return { ok: false, code: "forbidden", reason: `Your role (${actor.role}) may not approve changes` };
  if (actor.id === change.requesterId) return { ok: false, code: "forbidden", reason: "Nobody approves their own change" };
  if (!can(actor.role, "changes.approve_any") && actor.role !== change.ownerRole)
    return { ok: false, code: "forbidden", reason: `Only a holder of the component's owner role (${change.ownerRole}) or an ARCHITECT may approve this change` };
  if (approvals.some((a) => a.approverId === actor.id)) return { ok: false, code: "conflict", reason: "You have already decided on this change" };
  return { ok: true };
}

/** An approval by someone whose role (when deciding) gives the extra approval structural/High-risk changes need. */
const isStructuralApproval = (a: RuleApproval) => can(a.approverRole, "changes.approve_structural");

/** Whether the approvals collected so far complete the required set. */
export function approvalComplete(change: RuleChange, approvals: RuleApproval[]): boolean {
  const yes = approvals.filter((a) => a.decision === "approve");
  const people = new Set(yes.map((a) => a.approverId));
  if (!needsArchitect(change)) return people.size >= 1;
  return people.size >= 2 && yes.some(isStructuralApproval);
}

/** What is still missing from the required set, in words (empty when complete). */
export function missingApprovals(change: RuleChange, approvals: RuleApproval[]): string[] {
  const yes = approvals.filter((a) => a.decision === "approve");
  const out: string[] = [];
  if (!needsArchitect(change)) return yes.length ? [] : [`an approval by ${change.ownerRole} or ARCHITECT`];
  if (!yes.some(isStructuralApproval)) out.push("an ARCHITECT approval");
  if (new Set(yes.map((a) => a.approverId)).size + (out.length ? 1 : 0) < 2) out.push(`an approval by a second person (${change.ownerRole} or ARCHITECT)`);
  return out;
}

/**
 * Who moves a change after approval: the requester, a holder of the
 * component's owner role, or ARCHITECT. Submitting is the requester's (or
 * an ARCHITECT's); cancelling is open to the same people as moving.
 */
export function mayMove(actor: RuleActor, change: Pick<RuleChange, "requesterId" | "ownerRole">, event: string): boolean {
  if (!can(actor.role, event === "checklist" ? "changes.checklist" : "changes.transition")) return false;
  if (can(actor.role, "changes.manage_any") || actor.id === change.requesterId) return true;
  if (event === "submit") return false;
  return actor.role === change.ownerRole;
}

/** Who may edit a Draft/Submitted change: the requester or an ARCHITECT. */
export function mayEdit(actor: RuleActor, change: Pick<RuleChange, "requesterId">): boolean {
  if (!can(actor.role, "changes.edit")) return false;
  return can(actor.role, "changes.manage_any") || actor.id === change.requesterId;
}

/** The planned-window rule, once: the form schema and the edit command (which merges the stored values) both ask it. */
export function plannedWindowError(start: Date | null | undefined, end: Date | null | undefined): { plannedEnd: string } | null {
  return start && end && end.getTime() <= start.getTime() ? { plannedEnd: "Planned end must be after planned start" } : null;
}

export type FreezeIncident = { number: number; title: string; severity: string };
export type FreezeResult = { ok: true; overridden: FreezeIncident[] } | { ok: false; reason: string; incidents: FreezeIncident[] };

/**
 * Change freeze (issue 5 item 7): while a P1/P2 is open on the component,
 * approving or starting is refused unless an ARCHITECT gives a reason.
 */
export function freezeCheck(openIncidents: FreezeIncident[], actor: RuleActor, overrideReason: string | undefined): FreezeResult {
  const blocking = openIncidents.filter((i) => i.severity === "P1" || i.severity === "P2").sort((a, b) => a.number - b.number);
  if (!blocking.length) return { ok: true, overridden: [] };
  const mayOverride = can(actor.role, "changes.override_freeze");
  if (mayOverride && overrideReason && overrideReason.trim()) return { ok: true, overridden: blocking };
  const names = blocking.map((i) => `INC-${i.number} (${i.severity}: ${i.title})`).join(", ");
  return {
    ok: false,
    incidents: blocking,
    reason: `Change freeze: ${names} is open on this component. ${mayOverride ? "Give an override reason to proceed." : "Only an ARCHITECT may override, with a reason."}`,
  };
}
