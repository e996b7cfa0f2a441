import { can, type Role } from "@/lib/auth/permissions";
import { approverEligibility, mayEdit, mayMove, type RuleActor, type RuleApproval } from "@/lib/changes/rules";
import { allowedTargetsForKind, decisionOpen, type ChangeKind } from "@/lib/changes/change-kinds";
import { EVENT_FOR_TARGET, STATUS_LABEL, TERMINAL_STATUSES, type ChangeStatusKey } from "@/lib/changes/state-machine";

export type PolicyChange = {
  status: ChangeStatusKey;
  requesterId: string;
  ownerRole: Role;
  structural: boolean;
  riskLevel: string | null;
  approvals: RuleApproval[];
  /** issue 18: the kind's table decides transitions and whether a decision is open (default Normal) */
  kind?: ChangeKind;
  /** Standard: the derived approval gate holds */
  gateHolds?: boolean;
  /** Emergency: an open P1/P2 is linked */
  linkedMajorIncident?: boolean;
};

/** What an actor may do with one change, and why not where a page explains it. */
export type ChangePolicy = {
  edit: boolean;
  decide: boolean;
  /** target statuses (labels) the actor may move the change to now */
  transitions: string[];
  tickReadiness: boolean;
  /** may give a freeze override reason when approving or starting during an open P1/P2 */
  overrideFreeze: boolean;
  /** why there is no Edit (null when the actor may edit) */
  editRefusal: string | null;
  /** why there is no Approve/Reject on a Submitted change, for actors who approve changes at all (else null) */
  decideRefusal: string | null;
};

const editable = (status: ChangeStatusKey) => status === "Draft" || status === "Submitted";

/**
 * The one record-level policy for changes: the detail page, the edit page
 * and the API DTO's `can` all read it; the commands check the same rules
 * (`lib/changes/rules.ts`). Pure.
 */
export function changePolicy(actor: RuleActor, change: PolicyChange, now: Date): ChangePolicy {
  const mayEditIt = mayEdit(actor, change);
  const edit = editable(change.status) && mayEditIt;
  const eligibility = approverEligibility(actor, change, change.approvals);
  const kind = change.kind ?? "Normal";
  const open = decisionOpen(kind, change.status, change.approvals.some((a) => a.decision === "approve"));
  const decide = open && eligibility.ok;
  let decideRefusal: string | null = null;
  if (kind === "Standard" && change.status === "Submitted") decideRefusal = "A Standard change needs no human approval: its template's approval counts once the Change Approval checklist holds.";
  else if (open && !decide && can(actor.role, "changes.approve"))
    decideRefusal = actor.id === change.requesterId ? "You filed this change, so someone else approves it." : eligibility.ok ? null : `${eligibility.reason}.`;
  return {
    edit,
    decide,
    transitions: allowedTargetsForKind(kind, change.status, { gateHolds: change.gateHolds, linkedMajorIncident: change.linkedMajorIncident }, now)
      .filter((to) => mayMove(actor, change, EVENT_FOR_TARGET[to]!))
      .map((s) => STATUS_LABEL[s]),
    tickReadiness: !TERMINAL_STATUSES.includes(change.status) && mayMove(actor, change, "checklist"),
    overrideFreeze: can(actor.role, "changes.override_freeze"),
    editRefusal: edit ? null : !editable(change.status) ? `A change that is ${STATUS_LABEL[change.status]} can no longer be edited.` : "Only the requester or an ARCHITECT may edit this change.",
    decideRefusal,
  };
}
