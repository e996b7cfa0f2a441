import "server-only";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { EscalationPolicy } from "@/lib/oncall/escalation";
import { loadEscalationPolicy } from "@/lib/oncall/escalation-policy";
import { policyPeople } from "@/lib/oncall/queries/preview";
import { formatOffset, previewEscalation } from "@/lib/oncall/preview";
import { loadRotations, rotationByRole, usersById, type OnCallUser } from "@/lib/oncall/queries/rotations";
import { onCallAt, shiftsFor } from "@/lib/oncall/schedule";
import { millisecondsInDay } from "date-fns/constants";

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
export async function getRotationBoard(now: Date = new Date(), policyArg?: EscalationPolicy, days = 14): Promise<RotationBoard> {
  const policy = policyArg ?? (await loadEscalationPolicy());
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const to = new Date(from.getTime() + days * millisecondsInDay);
  const rotations = await loadRotations(db, { from, to });
  const ownerRoles = (await db.component.findMany({ distinct: ["ownerRole"], select: { ownerRole: true } })).map((c) => c.ownerRole);
  const byRole = rotationByRole(rotations);
  // The default ladder for a P1 (every level applies), each level evaluated now: "right now that is".
  const ladderLevels = policy.ladder.levels;
  const nowLadder = { ladder: { ...policy.ladder, repeat: 0, levels: ladderLevels.map((l) => ({ ...l, delayMinutes: 0 })) }, severityOverrides: {}, groupOverrides: [] };
  const ladderSteps = previewEscalation(byRole, ownerRoles, now, nowLadder, { severity: "P1", people: await policyPeople(policy) });
  const computed = rotations.map((r) => ({ r, cur: onCallAt(r, r.overrides, now), tl: shiftsFor(r, r.overrides, from, to) }));
  const ids = [
    ...rotations.flatMap((r) => [...r.members.map((m) => m.userId), ...r.overrides.map((o) => o.userId)]),
    ...ladderSteps.flatMap((s) => (s.userId ? [s.userId] : [])),
  ];
  const users = await usersById(db, ids);
  const name = (id: string) => users.get(id)?.name ?? "Unknown user";
  const inactive = new Set((await db.user.findMany({ where: { id: { in: [...new Set(ids)] }, active: false }, select: { id: true } })).map((u) => u.id));
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
    ladder: ladderLevels.map((def, i) => ({
      level: i + 1,
      label: def.label + (def.severities.length ? ` (${def.severities.join("/")} only)` : ""),
      offsetMs: Math.round(def.delayMinutes * 60) * 1000,
      offset: formatOffset(Math.round(def.delayMinutes * 60) * 1000),
      people: ladderSteps
        .filter((s) => s.level === i + 1)
        .map((s) => ({ role: s.role, user: s.userId ? (users.get(s.userId) ?? null) : null, gap: s.gap })),
    })),
  };
}
