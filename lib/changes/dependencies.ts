import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { setDependenciesSchema } from "@/lib/changes/schemas";
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

/** The components `id` directly depends on, and those that depend on it. */
export async function getDependencies(id: string) {
  const c = await db.component.findUnique({
    where: { id },
    select: { id: true, dependsOn: { select: { dependsOn: { select: { id: true, name: true } } } }, dependents: { select: { component: { select: { id: true, name: true } } } } },
  });
  if (!c) throw new NotFoundError("Component");
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return { componentId: c.id, dependsOn: c.dependsOn.map((d) => d.dependsOn).sort(byName), dependents: c.dependents.map((d) => d.component).sort(byName) };
}

/** ARCHITECT sets what a component depends on (replaces the list); no self or two-way dependency. Audited. */
export async function setDependencies({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "components.update");
  const { id, dependsOnIds } = parseInput(setDependenciesSchema, input);
  const ids = [...new Set(dependsOnIds)];
  if (ids.includes(id)) throw new ValidationError({ dependsOnIds: "A component cannot depend on itself" });
  await db.$transaction(async (tx) => {
    if (!(await tx.component.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError("Component");
    if ((await tx.component.count({ where: { id: { in: ids } } })) !== ids.length) throw new ValidationError({ dependsOnIds: "Unknown component" });
    const back = await tx.componentDependency.findFirst({ where: { componentId: { in: ids }, dependsOnId: id }, select: { component: { select: { name: true } } } });
    if (back) throw new ValidationError({ dependsOnIds: `${back.component.name} already depends on this component` });
    await tx.componentDependency.deleteMany({ where: { componentId: id } });
    await tx.componentDependency.createMany({ data: ids.map((dependsOnId) => ({ componentId: id, dependsOnId, createdAt: now })) });
    await audit(tx, { actor, action: "component.dependencies_set", entity: "Component", entityId: id, at: now, data: { dependsOnIds: ids } });
  });
  return getDependencies(id);
}
