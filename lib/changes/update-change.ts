import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { bumpVersion, loadChange, TX_OPTIONS } from "@/lib/changes/load";
import { mayEdit, plannedWindowError } from "@/lib/changes/rules";
import { updateChangeSchema } from "@/lib/changes/schemas";
import { STATUS_LABEL } from "@/lib/changes/state-machine";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, GateBlockedError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

const TEMPLATE_OWNED = ["type", "description", "justification", "impact", "riskLevel", "riskAssessment", "rollbackPlan", "monitoring", "structural"];

/**
 * Edits a Draft/Submitted change (requester or ARCHITECT) based on `version`.
 * Editing a Submitted change discards approvals collected so far: they
 * approved the old content.
 */
export async function updateChange({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "changes.edit");
  const { id, version, ...fields } = parseInput(updateChangeSchema, input);
  const before = await loadChange(db, id);
  if (!mayEdit(actor, before)) throw new ForbiddenError("Only the requester or an ARCHITECT may edit this change");
  if (before.status !== "Draft" && before.status !== "Submitted")
    throw new GateBlockedError(`A change that is ${STATUS_LABEL[before.status]} can no longer be edited`, { status: "Only Draft or Submitted changes can be edited" });
  if (before.version !== version) throw new ConflictError();
  if (fields.componentId && fields.componentId !== before.componentId) {
    const exists = await db.component.findUnique({ where: { id: fields.componentId }, select: { id: true } });
    if (!exists) throw new ValidationError({ componentId: "Unknown component" });
  }
  const start = fields.plannedStart === undefined ? before.plannedStart : fields.plannedStart;
  const end = fields.plannedEnd === undefined ? before.plannedEnd : fields.plannedEnd;
  const windowError = plannedWindowError(start, end);
  if (windowError) throw new ValidationError(windowError);

  const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const changed = Object.keys(data).filter((k) => {
    const a = (before as Record<string, unknown>)[k];
    const b = data[k];
    return a instanceof Date || b instanceof Date ? String((a as Date | null)?.getTime()) !== String((b as Date | null)?.getTime()) : a !== b;
  });
  // A Standard change's content is what its template pre-approved: only where and when are the requester's.
  const fromTemplate = before.kind === "Standard" ? changed.filter((k) => TEMPLATE_OWNED.includes(k)) : [];
  if (fromTemplate.length)
    throw new GateBlockedError(`A Standard change keeps its template's content; ${fromTemplate.join(", ")} cannot be edited (file a Normal change instead)`, Object.fromEntries(fromTemplate.map((k) => [k, "Set by the Standard change template"])));
  return db.$transaction(async (tx) => {
    const next = await bumpVersion(tx, id, version, data, now);
    let cleared = 0;
    if (before.status === "Submitted" && changed.length && before.approvals.length) cleared = (await tx.changeApproval.deleteMany({ where: { changeId: id } })).count;
    await audit(tx, { actor, action: "change.updated", entity: "ChangeRequest", entityId: id, at: now, data: { fields: changed, version: next, approvalsCleared: cleared } });
    return loadChange(tx, id);
  }, TX_OPTIONS);
}
