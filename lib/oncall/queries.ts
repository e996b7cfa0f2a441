import "server-only";
import { SYSTEM_USER_EMAILS } from "@/lib/auth/system-actor";
import { ONCALL_ROLES, rolesWith, type Role } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { ESCALATION_LEVELS, levelOffsets, type EscalationPolicy } from "@/lib/oncall/escalation";
import { escalationPolicy } from "@/lib/oncall/escalation-policy";
import { formatOffset, previewEscalation } from "@/lib/oncall/preview";
import { onCallAt, shiftsFor, type ScheduleOverride, type ScheduleRotation } from "@/lib/oncall/schedule";
import { previewSchema } from "@/lib/oncall/schemas";
import { parseInput } from "@/lib/validation";
import { millisecondsInDay } from "date-fns/constants";

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

export type EscalationPreview = {
  componentId: string;
  componentName: string;
  declaredAt: string;
  steps: {
    level: number;
    minute: number;
    offset: string;
    at: string;
    role: Role;
    rotation: { id: string; name: string } | null;
    user: OnCallUser | null;
    viaOverride: boolean;
    gap: string | null;
  }[];
};

/** Who would be paged at each level if an incident on the component were declared at `at`. */
export async function getEscalationPreview(input: unknown, policy: EscalationPolicy = escalationPolicy(), now: Date = new Date()): Promise<EscalationPreview> {
  const parsed = parseInput(previewSchema, input);
  const { componentId } = parsed;
  const at = parsed.at ?? now;
  const component = await db.component.findUnique({ where: { id: componentId }, select: { id: true, name: true, ownerRole: true } });
  if (!component) throw new NotFoundError("Component");
  const last = levelOffsets(policy)[3];
  const rotations = rotationByRole(await loadRotations(db, { from: at, to: new Date(at.getTime() + last + 1) }));
  const steps = previewEscalation(rotations, [component.ownerRole], at, policy);
  const users = await usersById(db, steps.flatMap((s) => (s.userId ? [s.userId] : [])));
  return {
    componentId: component.id,
    componentName: component.name,
    declaredAt: at.toISOString(),
    steps: steps.map((s) => ({
      level: s.level,
      minute: s.offsetMs / 60_000,
      offset: formatOffset(s.offsetMs),
      at: s.at.toISOString(),
      role: s.role,
      rotation: s.rotation,
      user: s.userId ? (users.get(s.userId) ?? null) : null,
      viaOverride: s.viaOverride,
      gap: s.gap,
    })),
  };
}

export type TimelineSegment = { userId: string; userName: string; start: string; end: string; source: "rotation" | "override"; overrideId: string | null };

export type RotationBoard = {
  now: string;
  rotations: {
    id: string;
    name: string;
    role: Role;
    shiftMinutes: number;
    handoffMinuteUtc: number;
    timeZone: string;
    anchorAt: string;
    members: OnCallUser[];
    current: (OnCallUser & { source: "rotation" | "override" }) | null;
    /** when the person on call next changes */
    changesAt: string | null;
    nextHandoffAt: string | null;
    error: string | null;
    timeline: TimelineSegment[];
    /** shifts in the timeline held by a deactivated user: nobody is really on call then (issue 13) */
    gaps: { start: string; end: string; userName: string; reason: string }[];
    overrides: { id: string; userId: string; userName: string; startsAt: string; endsAt: string; reason: string }[];
  }[];
  ladder: { level: number; label: string; offset: string; offsetMs: number; people: { role: Role; user: OnCallUser | null; gap: string | null }[] }[];
  timelineFrom: string;
  timelineTo: string;
};

/** Everything the rotation view shows: now, a 14-day timeline per rotation (from today 00:00 UTC), and the ladder. */
export async function getRotationBoard(now: Date = new Date(), policy: EscalationPolicy = escalationPolicy(), days = 14): Promise<RotationBoard> {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const to = new Date(from.getTime() + days * millisecondsInDay);
  const rotations = await loadRotations(db, { from, to });
  const ownerRoles = (await db.component.findMany({ distinct: ["ownerRole"], select: { ownerRole: true } })).map((c) => c.ownerRole);
  const byRole = rotationByRole(rotations);
  const ladderSteps = previewEscalation(byRole, ownerRoles, now, { stepsMs: [0, 0, 0] });
  const computed = rotations.map((r) => ({ r, cur: onCallAt(r, r.overrides, now), tl: shiftsFor(r, r.overrides, from, to) }));
  const ids = [
    ...rotations.flatMap((r) => [...r.members.map((m) => m.userId), ...r.overrides.map((o) => o.userId)]),
    ...ladderSteps.flatMap((s) => (s.userId ? [s.userId] : [])),
  ];
  const users = await usersById(db, ids);
  const name = (id: string) => users.get(id)?.name ?? "Unknown user";
  const inactive = new Set((await db.user.findMany({ where: { id: { in: [...new Set(ids)] }, active: false }, select: { id: true } })).map((u) => u.id));
  const offsets = levelOffsets(policy);
  return {
    now: now.toISOString(),
    timelineFrom: from.toISOString(),
    timelineTo: to.toISOString(),
    rotations: computed.map(({ r, cur, tl }) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      shiftMinutes: r.shiftMinutes,
      handoffMinuteUtc: r.handoffMinuteUtc,
      timeZone: r.timeZone ?? "UTC",
      anchorAt: r.anchorAt.toISOString(),
      members: r.members.flatMap((m) => (users.get(m.userId) ? [users.get(m.userId)!] : [])),
      current: cur.ok && users.get(cur.userId) ? { ...users.get(cur.userId)!, source: cur.source } : null,
      changesAt: cur.ok ? cur.until.toISOString() : null,
      nextHandoffAt: cur.ok ? cur.nextHandoffAt.toISOString() : null,
      error: cur.ok ? null : cur.error.message,
      timeline: tl.ok
        ? tl.shifts.map((s) => ({ userId: s.userId, userName: name(s.userId), start: s.start.toISOString(), end: s.end.toISOString(), source: s.source, overrideId: s.overrideId }))
        : [],
      gaps: tl.ok
        ? tl.shifts
            .filter((s) => inactive.has(s.userId) && s.end.getTime() > now.getTime())
            .map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), userName: name(s.userId), reason: "deactivated user" }))
        : [],
      overrides: r.overrides.map((o) => ({ id: o.id, userId: o.userId, userName: name(o.userId), startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString(), reason: o.reason ?? "" })),
    })),
    ladder: ESCALATION_LEVELS.map((def) => ({
      level: def.level,
      label: def.label,
      offsetMs: offsets[def.level - 1],
      offset: formatOffset(offsets[def.level - 1]),
      people: ladderSteps
        .filter((s) => s.level === def.level)
        .map((s) => ({ role: s.role, user: s.userId ? (users.get(s.userId) ?? null) : null, gap: s.gap })),
    })),
  };
}

/** Active engineers (everyone who may be on call), for member and override pickers. */
export function listEngineers() {
  return db.user.findMany({ where: { active: true, role: { in: rolesWith("oncall.serve") }, email: { notIn: SYSTEM_USER_EMAILS } }, orderBy: [{ role: "asc" }, { name: "asc" }], select: userSelect });
}

/** Components for the escalation preview picker. */
export function listPreviewComponents() {
  return db.component.findMany({ orderBy: [{ group: "asc" }, { position: "asc" }, { name: "asc" }], select: { id: true, name: true, group: true, ownerRole: true } });
}
