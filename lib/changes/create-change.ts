import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { loadChange, TX_OPTIONS } from "@/lib/changes/load";
import { notifyApprovers } from "@/lib/changes/notices";
import { createChangeSchema } from "@/lib/changes/schemas";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

/** Files a change request as Draft, or Submitted with `submit: true`. The requester is always the actor. */
export async function createChange({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "changes.create");
  const { submit, ...fields } = parseInput(createChangeSchema, input);
  const component = await db.component.findUnique({ where: { id: fields.componentId }, select: { id: true } });
  if (!component) throw new ValidationError({ componentId: "Unknown component" });
  if (fields.emergencyIncidentId) {
    const incident = await db.incident.findUnique({ where: { id: fields.emergencyIncidentId }, select: { id: true } });
    if (!incident) throw new ValidationError({ emergencyIncidentId: "Unknown incident" });
  }
  if (fields.emergencyIncidentId && fields.kind !== "Emergency") throw new ValidationError({ emergencyIncidentId: "Only an Emergency change links an incident this way" });
  const status = submit ? ("Submitted" as const) : ("Draft" as const);
  return db.$transaction(async (tx) => {
    const created = await tx.changeRequest.create({
      data: { ...fields, structural: fields.structural ?? false, requesterId: actor.id, filedByTokenId: actor.apiTokenId ?? null, status, createdAt: now, updatedAt: now },
      select: { id: true },
    });
    const change = await loadChange(tx, created.id);
    await audit(tx, { actor, action: "change.created", entity: "ChangeRequest", entityId: change.id, at: now, data: { number: change.number, status, type: change.type, componentId: change.componentId, viaApiToken: Boolean(actor.apiTokenId) } });
    if (submit) {
      await audit(tx, { actor, action: "change.submitted", entity: "ChangeRequest", entityId: change.id, at: now, data: { number: change.number } });
      await notifyApprovers(tx, change, change.version, now);
    }
    return change;
  }, TX_OPTIONS);
}
