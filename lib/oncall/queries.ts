import type { Role } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db/client";
import { onCallAt, type ScheduleOverride, type ScheduleRotation } from "@/lib/oncall/schedule";

/** A client or a transaction client: code that may run inside a caller's transaction takes one. */
export type Client = Tx;

export type OnCallUser = { id: string; name: string; email: string; role: Role };

export type LoadedRotation = ScheduleRotation & { createdAt: Date; overrides: ScheduleOverride[] };

const userSelect = { id: true, name: true, email: true, role: true } as const;

/**
 * Rotations with ordered members and the overrides that touch [from, to).
 * When several rotations share a role, the oldest one (createdAt, then id) is
 * "the rotation for that role" that escalation pages.
 */
export async function loadRotations(client: Client, opts: { roles?: Role[]; ids?: string[]; from: Date; to: Date }): Promise<LoadedRotation[]> {
  const rows = await client.rotation.findMany({
    where: { ...(opts.roles ? { role: { in: opts.roles } } : {}), ...(opts.ids ? { id: { in: opts.ids } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      role: true,
      shiftMinutes: true,
      handoffMinuteUtc: true,
      anchorAt: true,
      createdAt: true,
      members: { select: { userId: true, position: true }, orderBy: { position: "asc" } },
      overrides: {
        where: { endsAt: { gt: opts.from }, startsAt: { lt: opts.to } },
        select: { id: true, userId: true, startsAt: true, endsAt: true, reason: true },
        orderBy: { startsAt: "asc" },
      },
    },
  });
  return rows;
}

/** The rotation escalation uses for each role (the oldest of that role). */
export function rotationByRole(rotations: LoadedRotation[]): Map<Role, LoadedRotation> {
  const map = new Map<Role, LoadedRotation>();
  for (const r of rotations) if (!map.has(r.role)) map.set(r.role, r);
  return map;
}

export async function usersById(client: Client, ids: Iterable<string>): Promise<Map<string, OnCallUser>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const users = await client.user.findMany({ where: { id: { in: list } }, select: userSelect });
  return new Map(users.map((u) => [u.id, u]));
}

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
  const primary = rowOf("SRE");
  const secondary = rowOf("SYSADMIN");
  return {
    primary: primary?.current ?? null,
    secondary: secondary?.current ?? null,
    nextHandoffAt: primary?.nextHandoffAt ?? secondary?.nextHandoffAt ?? null,
    rotations: rows,
  };
}
