import { randomUUID } from "node:crypto";
import type { Role } from "../../lib/auth/permissions";
import type { Actor } from "../../lib/auth/session";
import { db } from "../../lib/db/client";

/** A unique suffix so tests never collide on unique keys in the shared database. */
export const uid = () => randomUUID().slice(0, 8);

export async function createUser(role: Role, overrides: Partial<{ name: string; email: string }> = {}): Promise<Actor> {
  const id = uid();
  const user = await db.user.create({
    data: { role, email: overrides.email ?? `${role.toLowerCase()}-${id}@test.local`, name: overrides.name ?? `${role} ${id}` },
    select: { id: true, email: true, name: true, role: true },
  });
  return user;
}

export async function createComponent(ownerRole: Role = "NETWORK", overrides: Partial<{ name: string; group: string; public: boolean }> = {}) {
  return db.component.create({
    data: { name: overrides.name ?? `Component ${uid()}`, group: overrides.group ?? "Network", ownerRole, public: overrides.public ?? true },
  });
}

/** The number of audit rows for one record: the usual "and it was audited" assertion. */
export function auditCount(entity: string, entityId: string, action?: string) {
  return db.auditLog.count({ where: { entity, entityId, ...(action ? { action } : {}) } });
}
