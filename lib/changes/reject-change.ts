import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { asObject, bumpVersion, loadChange, ruleChange, TX_OPTIONS } from "@/lib/changes/load";
import { notifyRequester } from "@/lib/changes/notices";
import { approverEligibility } from "@/lib/changes/rules";
import { decideChangeSchema } from "@/lib/changes/schemas";
import { transitionForKind } from "@/lib/changes/change-kinds";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, GateBlockedError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

/** Rejects a Submitted change; the approver rules apply and a comment is required. */
export async function rejectChange({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "changes.approve");
  const { id, comment } = parseInput(decideChangeSchema, { ...asObject(input), decision: "reject" });
  const change = await loadChange(db, id);
  const eligible = approverEligibility(actor, ruleChange(change), change.approvals);
  if (!eligible.ok) throw eligible.code === "forbidden" ? new ForbiddenError(eligible.reason) : new ConflictError(eligible.reason);
  const t = transitionForKind(change.kind, change, "reject", {}, now);
  if (!t.ok) throw new GateBlockedError(t.reason, { status: t.reason });
  return db.$transaction(async (tx) => {
    const next = await bumpVersion(tx, id, change.version, { status: t.next }, now);
    await tx.changeApproval.create({ data: { changeId: id, approverId: actor.id, approverRole: actor.role, decision: "reject", comment: comment ?? null, createdAt: now } });
    await audit(tx, { actor, action: "change.rejected", entity: "ChangeRequest", entityId: id, at: now, data: { approverRole: actor.role, comment, version: next } });
    await notifyRequester(tx, change, actor.id, "change.rejected", `CR-${change.number} rejected`, `${actor.name} rejected your change: ${comment}`, next, now);
    return loadChange(tx, id);
  }, TX_OPTIONS);
}
