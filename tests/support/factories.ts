import { randomUUID } from "node:crypto";
import type { Role } from "../../lib/auth/permissions";
import type { Actor } from "../../lib/auth/session";
import { createComponent as createComponentCommand } from "../../lib/components/create-component";
import { db } from "../../lib/db/client";

/** A unique suffix for names and emails that must be unique within a test file's database. */
export const uid = () => randomUUID().slice(0, 8);

/**
 * A user of the given role. Raw insert on purpose: there is no user-creation
 * command for every role yet (lib/auth/create-architect.ts only bootstraps ARCHITECTs).
 */
export async function createUser(role: Role, overrides: Partial<{ name: string; email: string }> = {}): Promise<Actor> {
  const id = uid();
  const user = await db.user.create({
    data: { role, email: overrides.email ?? `${role.toLowerCase()}-${id}@test.local`, name: overrides.name ?? `${role} ${id}` },
    select: { id: true, email: true, name: true, role: true },
  });
  return user;
}

/** The ARCHITECT who adds this file's components (one per test file, created on first use). */
let architect: Promise<Actor> | undefined;
export function fixtureArchitect(): Promise<Actor> {
  architect ??= createUser("ARCHITECT", { name: "Fixture architect" });
  return architect;
}

/** A component, added through the domain command (audited, status derived) by the file's ARCHITECT. */
export async function createComponent(ownerRole: Role = "NETWORK", overrides: Partial<{ name: string; group: string; public: boolean }> = {}) {
  return createComponentCommand({
    actor: await fixtureArchitect(),
    input: { name: overrides.name ?? `Component ${uid()}`, group: overrides.group ?? "Network", ownerRole, public: overrides.public ?? true },
  });
}

/** The number of audit rows for one record: the usual "and it was audited" assertion. */
export function auditCount(entity: string, entityId: string, action?: string) {
  return db.auditLog.count({ where: { entity, entityId, ...(action ? { action } : {}) } });
}
