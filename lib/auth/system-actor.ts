import "server-only";
import type { Role } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";

/**
 * The user alert-opened incidents are declared by (SPEC.md §7): a real row,
 * because incidents and timeline entries name their author, with no password
 * and no SSO subject, so nobody can sign in as it. It holds the automation
 * role, so it passes the same `incidents.declare` check as a person.
 */
/** Hidden from user lists and rotation pickers. */
export const SYSTEM_USER_EMAILS = ["alerts@opsgate.invalid"];

const ALERTS_USER = { email: "alerts@opsgate.invalid", name: "OpsGate alerts", role: "AUTOMATION" as Role };

let cached: Actor | undefined;

export async function alertsActor(): Promise<Actor> {
  if (cached) return cached;
  const select = { id: true, email: true, name: true, role: true } as const;
  const user =
    (await db.user.findUnique({ where: { email: ALERTS_USER.email }, select })) ??
    // two first deliveries at once: one insert wins, the other reads it
    (await db.user.create({ data: { ...ALERTS_USER, passwordHash: null, active: true }, select }).catch(() => db.user.findUniqueOrThrow({ where: { email: ALERTS_USER.email }, select })));
  cached = user;
  return user;
}

/** Tests that drop and recreate the database between runs. */
export function forgetAlertsActor() {
  cached = undefined;
}
