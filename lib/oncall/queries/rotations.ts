import "server-only";
import type { Role } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/client";
import type { ScheduleOverride, ScheduleRotation } from "@/lib/oncall/schedule";

/** A client or a transaction client: code that may run inside a caller's transaction takes one. */
export type Client = Tx;

export type OnCallUser = { id: string; name: string; email: string; role: Role };

export type LoadedRotation = ScheduleRotation & { createdAt: Date; overrides: ScheduleOverride[] };

export const userSelect = { id: true, name: true, email: true, role: true } as const;

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
      timeZone: true,
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
