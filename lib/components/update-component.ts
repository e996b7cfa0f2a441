import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { componentSelect, toComponentDto } from "@/lib/components/queries";
import { rejectStatusField, updateComponentSchema, type ComponentDto } from "@/lib/components/schemas";
import { assertNameFree, mapUniqueViolation } from "@/lib/components/unique-name";
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

/** ARCHITECT edits a component's name, group, owner, visibility or order; the audit row keeps before and after. */
export async function updateComponent({ actor, id, input }: { actor: Actor; id: string; input: unknown }): Promise<ComponentDto> {
  assertCan(actor, "components.update");
  const statusField = rejectStatusField(input);
  if (statusField) throw new ValidationError(statusField);
  const patch = parseInput(updateComponentSchema, input);
  return db
    .$transaction(async (tx) => {
      const before = await tx.component.findUnique({ where: { id }, select: componentSelect });
      if (!before) throw new NotFoundError("Component");
      if (patch.name !== undefined) await assertNameFree(tx, patch.name, id);
      const after = toComponentDto(await tx.component.update({ where: { id }, data: patch, select: componentSelect }));
      await audit(tx, { actor, action: "component.updated", entity: "Component", entityId: id, data: { before, after } });
      return after;
    })
    .catch(mapUniqueViolation);
}
