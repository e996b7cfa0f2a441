import "server-only";
import { ONCALL_ROLES, type Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { loadRotations, rotationByRole, usersById, type Client, type OnCallUser } from "@/lib/oncall/queries/rotations";
import { onCallAt } from "@/lib/oncall/schedule";

/** Who holds `role`'s rotation at `at` (overrides apply); null when there is no rotation or it is empty. Usable inside a transaction. */
export async function whoIsOnCallWith(client: Client, role: Role, at: Date): Promise<OnCallUser | null> {
  const rotation = rotationByRole(await loadRotations(client, { roles: [role], from: at, to: new Date(at.getTime() + 1) })).get(role);
  if (!rotation) return null;
  const result = onCallAt(rotation, rotation.overrides, at);
  if (!result.ok) return null;
  return (await usersById(client, [result.userId])).get(result.userId) ?? null;
}

/** Who is on call for a role at an instant (the rotation for that role; overrides apply). */
export function whoIsOnCall(role: Role, at: Date): Promise<OnCallUser | null> {
  return whoIsOnCallWith(db, role, at);
}

export type OnCallNow = {
  primary: OnCallUser | null;
  secondary: OnCallUser | null;
  /** when the primary on-call next changes (falls back to the secondary's) */
  nextHandoffAt: string | null;
  rotations: { id: string; name: string; role: Role; current: OnCallUser | null; nextHandoffAt: string | null; error?: string }[];
};

/** API.md `GET /api/v1/oncall/now`. */
export async function getOnCallNow(now: Date = new Date(), client: Client = db): Promise<OnCallNow> {
  const rotations = await loadRotations(client, { from: now, to: new Date(now.getTime() + 1) });
  const current = rotations.map((r) => ({ r, res: onCallAt(r, r.overrides, now) }));
  const users = await usersById(client, current.flatMap((c) => (c.res.ok ? [c.res.userId] : [])));
  const byRole = rotationByRole(rotations);
  const rows = current.map(({ r, res }) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    current: res.ok ? (users.get(res.userId) ?? null) : null,
    nextHandoffAt: res.ok ? res.until.toISOString() : null,
    ...(res.ok ? {} : { error: res.error.message }),
  }));
  const rowOf = (role: Role) => rows.find((x) => x.id === byRole.get(role)?.id);
  const primary = rowOf(ONCALL_ROLES.primary);
  const secondary = rowOf(ONCALL_ROLES.secondary);
  return {
    primary: primary?.current ?? null,
    secondary: secondary?.current ?? null,
    nextHandoffAt: primary?.nextHandoffAt ?? secondary?.nextHandoffAt ?? null,
    rotations: rows,
  };
}
