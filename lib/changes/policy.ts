import { can, type Role } from "@/lib/auth/permissions";
import { approverEligibility, mayEdit, mayMove, type RuleActor, type RuleApproval } from "@/lib/changes/rules";
import { allowedTargets, EVENT_FOR_TARGET, STATUS_LABEL, TERMINAL_STATUSES, type ChangeStatusKey } from "@/lib/changes/state-machine";

export type PolicyChange = {
  status: ChangeStatusKey;
  requesterId: string;
  ownerRole: Role;
  structural: boolean;
  riskLevel: string | null;
  approvals: RuleApproval[];
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
  const decide = change.status === "Submitted" && eligibility.ok;
  let decideRefusal: string | null = null;
  if (change.status === "Submitted" && !decide && can(actor.role, "changes.approve"))
    decideRefusal = actor.id === change.requesterId ? "You filed this change, so someone else approves it." : eligibility.ok ? null : `${eligibility.reason}.`;
  return {
    edit,
    decide,
    transitions: allowedTargets(change.status, now)
      .filter((to) => mayMove(actor, change, EVENT_FOR_TARGET[to]!))
      .map((s) => STATUS_LABEL[s]),
    tickReadiness: !TERMINAL_STATUSES.includes(change.status) && mayMove(actor, change, "checklist"),
    overrideFreeze: can(actor.role, "changes.override_freeze"),
    editRefusal: edit ? null : !editable(change.status) ? `A change that is ${STATUS_LABEL[change.status]} can no longer be edited.` : "Only the requester or an ARCHITECT may edit this change.",
    decideRefusal,
  };
}
