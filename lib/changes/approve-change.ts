import "server-only";
import { syncWindowSilences, windowIdsOfChange } from "@/lib/alerts/silences";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { approvalGate } from "@/lib/changes/gates";
import { asObject, bumpVersion, gateInput, loadChange, openMajorIncidents, ruleChange, TX_OPTIONS } from "@/lib/changes/load";
import { notifyRequester } from "@/lib/changes/notices";
import { approvalComplete, approverEligibility, freezeCheck, missingApprovals } from "@/lib/changes/rules";
import { decideChangeSchema } from "@/lib/changes/schemas";
import { transitionForKind } from "@/lib/changes/change-kinds";
import { periodFreezeDecision } from "@/lib/changes/freeze-check";
import { changeConflicts } from "@/lib/changes/change-conflicts";
import { conflictConfirmation } from "@/lib/changes/conflicts";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, GateBlockedError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

/**
 * Records an approval. Refused unless the approver may approve (not the
 * requester; owner role or ARCHITECT), the change is Submitted, the Change
 * Approval gate holds and no P1/P2 freezes the component (ARCHITECT may
 * override with a reason). The change becomes Approved when the required
 * set of approvals is complete. Concurrent decisions: one wins, others 409.
 */
export async function approveChange({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "changes.approve");
  const { id, comment, overrideReason, conflictReason } = parseInput(decideChangeSchema, { ...asObject(input), decision: "approve" });
  const change = await loadChange(db, id);
  const rule = ruleChange(change);
  const eligible = approverEligibility(actor, rule, change.approvals);
  if (!eligible.ok) throw eligible.code === "forbidden" ? new ForbiddenError(eligible.reason) : new ConflictError(eligible.reason);
  if (change.kind === "Standard") throw new GateBlockedError("A Standard change is approved by its template once the Change Approval gate holds", { status: "No human approval is needed" });
  const t = transitionForKind(change.kind, change, "approve", {}, now);
  if (!t.ok) throw new GateBlockedError(t.reason, { status: t.reason });
  const retroactive = Boolean(t.retroactive);
  const missing = approvalGate(gateInput(change)).filter((i) => !i.done);
  if (missing.length)
    throw new GateBlockedError(
      `The Change Approval checklist does not hold yet: ${missing.map((i) => i.label).join(", ")}`,
      Object.fromEntries(missing.map((i) => [i.key, `${i.label}: ${i.detail}`])),
    );
  // A retroactive (Emergency, already started) approval neither waits for the incident freeze nor re-checks freeze periods.
  const freeze = retroactive ? { ok: true as const, overridden: [] } : freezeCheck(await openMajorIncidents(db, change.componentId), actor, overrideReason);
  if (!freeze.ok) throw new GateBlockedError(freeze.reason, { freeze: freeze.reason });
  const periods = retroactive ? { ok: true as const, overridden: [] } : await periodFreezeDecision(db, change, overrideReason);
  if (!periods.ok) throw new GateBlockedError(periods.reason, { freeze: periods.reason });

  // Conflicting work on the component (or one it depends on) needs a confirmation with a reason.
  const conflicts = retroactive ? [] : await changeConflicts(db, change);
  const confirmation = conflictConfirmation(conflicts, conflictReason);
  if (!confirmation.ok) throw new GateBlockedError(confirmation.message, { conflictReason: "Confirm the conflict with a reason" });

  const approvals = [...change.approvals, { approverId: actor.id, approverRole: actor.role, decision: "approve" as const }];
  const complete = retroactive || approvalComplete(rule, approvals);
  return db.$transaction(async (tx) => {
    const next = await bumpVersion(tx, id, change.version, complete ? { status: t.next } : {}, now);
    await tx.changeApproval.create({ data: { changeId: id, approverId: actor.id, approverRole: actor.role, decision: "approve", comment: comment ?? null, createdAt: now } });
    if (complete) await syncWindowSilences(tx, await windowIdsOfChange(tx, id), now);
    await audit(tx, {
      actor,
      action: "change.approved",
      entity: "ChangeRequest",
      entityId: id,
      at: now,
      data: { approverRole: actor.role, comment: comment ?? null, final: complete, retroactive, status: retroactive ? change.status : complete ? "Approved" : "Submitted", version: next },
    });
    if (periods.overridden.length)
      await audit(tx, { actor, action: "change.freeze_period_overridden", entity: "ChangeRequest", entityId: id, at: now, data: { event: "approve", overrideReason, freezes: periods.overridden.map((f) => f.name) } });
    if (confirmation.confirmed)
      await audit(tx, { actor, action: "change.conflict_confirmed", entity: "ChangeRequest", entityId: id, at: now, data: { conflictReason, conflicts: conflicts.map((c) => c.label) } });
    if (freeze.overridden.length)
      await audit(tx, { actor, action: "change.freeze_overridden", entity: "ChangeRequest", entityId: id, at: now, data: { event: "approve", overrideReason, incidents: freeze.overridden.map((i) => `INC-${i.number}`) } });
    const still = missingApprovals(rule, approvals);
    await notifyRequester(
      tx,
      change,
      actor.id,
      complete ? "change.approved" : "change.approval_recorded",
      complete ? `CR-${change.number} approved` : `CR-${change.number}: approval recorded`,
      complete ? `${actor.name} approved your change; it can now be scheduled.` : `${actor.name} approved your change. Still needed: ${still.join(", ")}.`,
      next,
      now,
    );
    return loadChange(tx, id);
  }, TX_OPTIONS);
}
