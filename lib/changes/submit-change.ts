import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { bumpVersion, loadChange, TX_OPTIONS } from "@/lib/changes/load";
import { notifyApprovers } from "@/lib/changes/notices";
import { mayMove } from "@/lib/changes/rules";
import { submitChangeSchema } from "@/lib/changes/schemas";
import { transitionForKind } from "@/lib/changes/change-kinds";
import { approvalGate } from "@/lib/changes/gates";
import { gateInput } from "@/lib/changes/load";
import { STATUS_LABEL } from "@/lib/changes/state-machine";
import { recordTemplateApproval } from "@/lib/changes/templates";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, GateBlockedError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

/** Draft → Submitted by the requester (or an ARCHITECT); tells the approvers. */
export async function submitChange({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "changes.transition");
  const { id, version } = parseInput(submitChangeSchema, input);
  const change = await loadChange(db, id);
  if (!mayMove(actor, { requesterId: change.requesterId, ownerRole: change.component.ownerRole }, "submit")) throw new ForbiddenError("Only the requester or an ARCHITECT may submit this change");
  if (version !== undefined && version !== change.version) throw new ConflictError();
  const t = transitionForKind(change.kind, change, "submit", { gateHolds: approvalGate(gateInput(change)).every((i) => i.done) }, now);
  if (!t.ok) throw new GateBlockedError(t.reason, { to: t.reason });
  return db.$transaction(async (tx) => {
    const next = await bumpVersion(tx, id, change.version, { status: t.next }, now);
    await audit(tx, { actor, action: "change.submitted", entity: "ChangeRequest", entityId: id, at: now, data: { from: change.status, to: t.next, version: next } });
    if (t.approvedBy === "template") await recordTemplateApproval(tx, actor, change, STATUS_LABEL[t.next], next, now);
    const after = await loadChange(tx, id);
    if (change.kind !== "Standard") await notifyApprovers(tx, after, next, now);
    return after;
  }, TX_OPTIONS);
}
