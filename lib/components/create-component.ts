import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { componentSelect, toComponentDto } from "@/lib/components/queries";
import { createComponentSchema, rejectStatusField, type ComponentDto } from "@/lib/components/schemas";
import { assertNameFree, mapUniqueViolation } from "@/lib/components/unique-name";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

/** ARCHITECT adds a component. Its status starts operational and is derived from then on. */
export async function createComponent({ actor, input }: { actor: Actor; input: unknown }): Promise<ComponentDto> {
  assertCan(actor, "components.create");
  const statusField = rejectStatusField(input);
  if (statusField) throw new ValidationError(statusField);
  const data = parseInput(createComponentSchema, input);
  return db
    .$transaction(async (tx) => {
      await assertNameFree(tx, data.name);
      const component = toComponentDto(await tx.component.create({ data, select: componentSelect }));
      await audit(tx, { actor, action: "component.created", entity: "Component", entityId: component.id, data: { after: component } });
      return component;
    })
    .catch(mapUniqueViolation);
}
