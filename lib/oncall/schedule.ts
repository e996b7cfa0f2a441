import type { Role } from "@/lib/auth/permissions";
import { TZDate } from "@date-fns/tz";
import { millisecondsInDay } from "date-fns/constants";

/**
 * The on-call schedule as a pure function (SPEC.md §5). No database, no clock:
 * every function takes the instants it needs.
 *
 * Shift boundaries: the first handoff is on anchorAt's UTC date at
 * `handoffMinuteUtc` (so editing the handoff time keeps the rotation's start
 * date), then every `shiftMinutes`. Shift k (k may be negative) belongs to
 * the member at index k mod n of the members ordered by position. An
 * override replaces the rotation's person for [startsAt, endsAt); intervals
 * are half-open, so 09:00:00.000 belongs to the new shift.
 *
 * Time zones (issue 13): with an IANA `timeZone` other than UTC and a shift
 * length of whole days, `handoffMinuteUtc` is the wall-clock handoff in that
 * zone and every shift starts at that wall-clock time, so a shift across a
 * DST change is an hour shorter or longer (23 h / 25 h for daily shifts).
 * A handoff inside a skipped hour starts at the first valid instant after it.
 * Shift lengths that are not whole days stay fixed-length in UTC.
 */
export type ScheduleRotation = {
  id: string;
  name: string;
  role: Role;
  shiftMinutes: number;
  handoffMinuteUtc: number;
  anchorAt: Date;
  /** IANA zone of the handoff time (default "UTC") */
  timeZone?: string;
  /** `active: false`: the member cannot be on call (deactivated): their shifts are gaps */
  members: { userId: string; position: number; active?: boolean }[];
};

/** `active: false`: the covering person was deactivated, so the override covers nothing (a gap) */
export type ScheduleOverride = { id: string; userId: string; startsAt: Date; endsAt: Date; reason?: string; active?: boolean };

export type Shift = {
  userId: string;
  start: Date;
  end: Date;
  source: "rotation" | "override";
  /** set when source is "override" */
  overrideId: string | null;
  /** present (true) when the holder is deactivated: nobody is really on call in this segment */
  inactive?: true;
};

export type ScheduleErrorCode = "empty_rotation" | "invalid_shift_length" | "invalid_handoff" | "inactive_member";
export type ScheduleError = {
  ok: false;
  error: { code: ScheduleErrorCode; message: string };
  /** with "inactive_member": whose segment it is and when it ends, so callers can still show the next change */
  gap?: { userId: string; until: Date; nextHandoffAt: Date };
};

export type ShiftsResult = { ok: true; shifts: Shift[] } | ScheduleError;

export type OnCall = {
  ok: true;
  userId: string;
  source: "rotation" | "override";
  overrideId: string | null;
  /** when the current segment (shift or override) ends: the person may change then */
  until: Date;
  /** the rotation's next scheduled handoff, ignoring overrides */
  nextHandoffAt: Date;
};
export type OnCallResult = OnCall | ScheduleError;

const MIN = 60_000;
const DAY = millisecondsInDay;

function invalid(rotation: ScheduleRotation): ScheduleError | null {
  if (!rotation.members.length) return { ok: false, error: { code: "empty_rotation", message: `Rotation "${rotation.name}" has no members` } };
  if (!Number.isInteger(rotation.shiftMinutes) || rotation.shiftMinutes <= 0)
    return { ok: false, error: { code: "invalid_shift_length", message: `Rotation "${rotation.name}" has an invalid shift length` } };
  if (!Number.isInteger(rotation.handoffMinuteUtc) || rotation.handoffMinuteUtc < 0 || rotation.handoffMinuteUtc >= 1440)
    return { ok: false, error: { code: "invalid_handoff", message: `Rotation "${rotation.name}" has an invalid handoff time` } };
  return null;
}

/** The instant of the rotation's first handoff (anchor date at the handoff time of day). */
export function effectiveAnchor(rotation: Pick<ScheduleRotation, "anchorAt" | "handoffMinuteUtc">): number {
  const a = rotation.anchorAt.getTime();
  return a - (((a % DAY) + DAY) % DAY) + rotation.handoffMinuteUtc * MIN;
}

type Boundaries = { start: (k: number) => number; index: (t: number) => number };

/** Shift k's start instant and the shift containing an instant, DST-aware for whole-day shifts in a zone. */
function boundaries(rotation: Pick<ScheduleRotation, "anchorAt" | "handoffMinuteUtc" | "shiftMinutes" | "timeZone">): Boundaries {
  const len = rotation.shiftMinutes * MIN;
  const zone = rotation.timeZone ?? "UTC";
  if (zone === "UTC" || rotation.shiftMinutes % 1440 !== 0) {
    const anchor = effectiveAnchor(rotation);
    return { start: (k) => anchor + k * len, index: (t) => Math.floor((t - anchor) / len) };
  }
  const days = rotation.shiftMinutes / 1440;
  // the start date is anchorAt's UTC calendar date (what forms and "YYYY-MM-DD" API input give), at the handoff time in the zone
  const a = rotation.anchorAt;
  const [y, m, d] = [a.getUTCFullYear(), a.getUTCMonth(), a.getUTCDate()];
  const hh = Math.floor(rotation.handoffMinuteUtc / 60);
  const mm = rotation.handoffMinuteUtc % 60;
  const start = (k: number) => new TZDate(y, m, d + k * days, hh, mm, zone).getTime();
  const anchor = start(0);
  const index = (t: number) => {
    let k = Math.floor((t - anchor) / len);
    while (start(k) > t) k--;
    while (start(k + 1) <= t) k++;
    return k;
  };
  return { start, index };
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function orderedMembers(rotation: ScheduleRotation): string[] {
  return [...rotation.members].sort((a, b) => a.position - b.position).map((m) => m.userId);
}

type Base = Boundaries & { members: string[]; inactive: Set<string> };

function base(rotation: ScheduleRotation): Base {
  return { ...boundaries(rotation), members: orderedMembers(rotation), inactive: new Set(rotation.members.filter((m) => m.active === false).map((m) => m.userId)) };
}

function memberOf(b: Base, k: number) {
  const n = b.members.length;
  return b.members[((k % n) + n) % n];
}

/**
 * Overrides relevant to [from, to), sorted by start; overlaps (refused on
 * write, but tolerated here) are resolved first-come: a later override only
 * covers what an earlier one leaves free.
 */
function normalizeOverrides(overrides: ScheduleOverride[], from: number, to: number) {
  const sorted = overrides
    .filter((o) => o.endsAt.getTime() > o.startsAt.getTime() && o.endsAt.getTime() > from && o.startsAt.getTime() < to)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
  const out: { id: string; userId: string; start: number; end: number; active: boolean }[] = [];
  let covered = -Infinity;
  for (const o of sorted) {
    const start = Math.max(o.startsAt.getTime(), covered);
    const end = o.endsAt.getTime();
    if (end <= start) continue;
    out.push({ id: o.id, userId: o.userId, start, end, active: o.active !== false });
    covered = end;
  }
  return out;
}

/**
 * Who is on call over [from, to): consecutive segments clipped to the window,
 * each either a rotation shift (or the part of it not overridden) or an
 * override. An empty rotation is an error result, never an exception.
 */
export function shiftsFor(rotation: ScheduleRotation, overrides: ScheduleOverride[], from: Date, to: Date): ShiftsResult {
  const bad = invalid(rotation);
  if (bad) return bad;
  const b = base(rotation);
  const start = from.getTime();
  const stop = to.getTime();
  const ovs = normalizeOverrides(overrides, start, stop);
  const shifts: Shift[] = [];
  let t = start;
  let oi = 0;
  while (t < stop) {
    while (oi < ovs.length && ovs[oi].end <= t) oi++;
    const o = ovs[oi];
    if (o && o.start <= t) {
      const end = Math.min(o.end, stop);
      shifts.push({ userId: o.userId, start: new Date(t), end: new Date(end), source: "override", overrideId: o.id, ...(o.active ? {} : { inactive: true as const }) });
      t = end;
      continue;
    }
    const k = b.index(t);
    const end = Math.min(b.start(k + 1), stop, o ? o.start : Infinity);
    const userId = memberOf(b, k);
    shifts.push({ userId, start: new Date(t), end: new Date(end), source: "rotation", overrideId: null, ...(b.inactive.has(userId) ? { inactive: true as const } : {}) });
    t = end;
  }
  return { ok: true, shifts };
}

/** The rotation's next scheduled handoff strictly after `at` (overrides ignored). */
export function nextHandoff(rotation: Pick<ScheduleRotation, "anchorAt" | "handoffMinuteUtc" | "shiftMinutes" | "timeZone">, at: Date): Date {
  const b = boundaries(rotation);
  return new Date(b.start(b.index(at.getTime()) + 1));
}

/** The scheduled shift containing `at` (overrides ignored): its start and end handoffs and the start of the shift before it. DST-aware like the schedule. */
export function shiftBounds(rotation: Pick<ScheduleRotation, "anchorAt" | "handoffMinuteUtc" | "shiftMinutes" | "timeZone">, at: Date): { start: Date; end: Date; previousStart: Date } {
  const b = boundaries(rotation);
  const k = b.index(at.getTime());
  return { start: new Date(b.start(k)), end: new Date(b.start(k + 1)), previousStart: new Date(b.start(k - 1)) };
}

function inactiveGap(userId: string, until: number, handoff: number): ScheduleError {
  return {
    ok: false,
    error: { code: "inactive_member", message: "Nobody is on call: the person scheduled is deactivated" },
    gap: { userId, until: new Date(until), nextHandoffAt: new Date(handoff) },
  };
}

/**
 * Who is on call at one instant (overrides win), and until when. A
 * deactivated holder (member or override) is never returned: that instant is
 * a gap ("inactive_member"), so paging and whoIsOnCall page nobody rather
 * than someone who cannot answer, and escalation moves on (issue 13).
 */
export function onCallAt(rotation: ScheduleRotation, overrides: ScheduleOverride[], at: Date): OnCallResult {
  const bad = invalid(rotation);
  if (bad) return bad;
  const b = base(rotation);
  const t = at.getTime();
  const k = b.index(t);
  const handoff = b.start(k + 1);
  // Normalising from -∞ keeps first-come resolution identical to shiftsFor.
  const ovs = normalizeOverrides(overrides, -Infinity, Infinity);
  const current = ovs.find((o) => o.start <= t && t < o.end);
  if (current) {
    if (!current.active) return inactiveGap(current.userId, current.end, handoff);
    return { ok: true, userId: current.userId, source: "override", overrideId: current.id, until: new Date(current.end), nextHandoffAt: new Date(handoff) };
  }
  const nextOverride = ovs.find((o) => o.start > t);
  const until = Math.min(handoff, nextOverride ? nextOverride.start : Infinity);
  const userId = memberOf(b, k);
  if (b.inactive.has(userId)) return inactiveGap(userId, until, handoff);
  return { ok: true, userId, source: "rotation", overrideId: null, until: new Date(until), nextHandoffAt: new Date(handoff) };
}

export type Gap = { start: Date; end: Date; reason: "no_members" | "inactive_member"; userId: string | null };

/**
 * The uncovered intervals of [from, to): segments held by a deactivated
 * person (adjacent ones merged when the same person holds them), or the whole
 * window for a rotation without members. Invalid shift/handoff settings are
 * reported by onCallAt/shiftsFor, not here.
 */
export function gapsFor(rotation: ScheduleRotation, overrides: ScheduleOverride[], from: Date, to: Date): Gap[] {
  if (to.getTime() <= from.getTime()) return [];
  if (!rotation.members.length) return [{ start: from, end: to, reason: "no_members", userId: null }];
  const res = shiftsFor(rotation, overrides, from, to);
  if (!res.ok) return [];
  const gaps: Gap[] = [];
  for (const s of res.shifts) {
    if (!s.inactive) continue;
    const last = gaps[gaps.length - 1];
    if (last && last.userId === s.userId && last.end.getTime() === s.start.getTime()) last.end = s.end;
    else gaps.push({ start: s.start, end: s.end, reason: "inactive_member", userId: s.userId });
  }
  return gaps;
}

/** The parts of `after` not inside any interval of `before`: what a change newly leaves uncovered. */
export function newlyUncovered<T extends { start: Date; end: Date }>(after: T[], before: { start: Date; end: Date }[]): T[] {
  const out: T[] = [];
  for (const g of after) {
    let pieces = [{ start: g.start.getTime(), end: g.end.getTime() }];
    for (const b of before) {
      const bs = b.start.getTime();
      const be = b.end.getTime();
      pieces = pieces.flatMap((p) => (be <= p.start || bs >= p.end ? [p] : [...(bs > p.start ? [{ start: p.start, end: bs }] : []), ...(be < p.end ? [{ start: be, end: p.end }] : [])]));
    }
    for (const p of pieces) out.push({ ...g, start: new Date(p.start), end: new Date(p.end) });
  }
  return out;
}

/** How far ahead a change is checked for gaps: a full cycle (every member's next shift) and at least 14 days. */
export function gapHorizon(rotation: Pick<ScheduleRotation, "shiftMinutes" | "members">, now: Date): Date {
  const cycle = (rotation.members.length + 1) * rotation.shiftMinutes * MIN;
  return new Date(now.getTime() + Math.max(14 * DAY, cycle));
}

/** True when [aStart, aEnd) and [bStart, bEnd) share an instant. */
export function overlaps(aStart: Date, aEnd: Date, bStart: Date, bEnd: Date): boolean {
  return aStart.getTime() < bEnd.getTime() && bStart.getTime() < aEnd.getTime();
}
