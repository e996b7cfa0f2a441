import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { readinessEvidenceError } from "@/lib/changes/gates";
import { bumpVersion, loadChange, TX_OPTIONS } from "@/lib/changes/load";
import { mayMove } from "@/lib/changes/rules";
import { setReadinessSchema } from "@/lib/changes/schemas";
import { STATUS_LABEL, TERMINAL_STATUSES } from "@/lib/changes/state-machine";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, GateBlockedError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

/**
 * Ticks or unticks one Production Readiness item with evidence (the runbook
 * item needs a link). Who and when are stored on the item and in the audit
 * log, unticking included. The same people who move the change may tick.
 */
export async function setReadinessItem({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "changes.checklist");
  const { id, item, done, evidence, version } = parseInput(setReadinessSchema, input);
  const evidenceError = readinessEvidenceError(item, done, evidence);
  if (evidenceError) throw new ValidationError({ evidence: evidenceError });
  const change = await loadChange(db, id);
  if (!mayMove(actor, { requesterId: change.requesterId, ownerRole: change.component.ownerRole }, "checklist"))
    throw new ForbiddenError(`Only the requester, a holder of ${change.component.ownerRole} or an ARCHITECT may tick this checklist`);
  if (TERMINAL_STATUSES.includes(change.status)) throw new GateBlockedError(`The change is ${STATUS_LABEL[change.status]}; its checklist is closed`, { status: "The change is closed" });
  if (version !== undefined && version !== change.version) throw new ConflictError();
  const previous = change.readiness.find((r) => r.item === item);
  return db.$transaction(async (tx) => {
    const next = await bumpVersion(tx, id, change.version, {}, now);
    await tx.readinessCheck.upsert({
      where: { changeId_item: { changeId: id, item } },
      create: { changeId: id, item, done, evidence, userId: actor.id, updatedAt: now },
      update: { done, evidence, userId: actor.id, updatedAt: now },
    });
    await audit(tx, {
      actor,
      action: done ? "change.readiness_ticked" : "change.readiness_unticked",
      entity: "ChangeRequest",
      entityId: id,
      at: now,
      data: { item, done, evidence, previous: previous ? { done: previous.done, evidence: previous.evidence, by: previous.user.name } : null, version: next },
    });
    return loadChange(tx, id);
  }, TX_OPTIONS);
}
