import "server-only";
import { createHash, randomBytes } from "node:crypto";
import ical, { ICalCalendarMethod, ICalEventTransparency } from "ical-generator";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { loadRotations, usersById } from "@/lib/oncall/queries";
import { shiftsFor } from "@/lib/oncall/schedule";
import { calendarTokenSchema } from "@/lib/oncall/schemas";
import { parseInput } from "@/lib/validation";
import { millisecondsInDay } from "date-fns/constants";

/**
 * iCalendar (RFC 5545) feeds of on-call shifts behind secret URL tokens:
 * `/ical/<secret>.ics`. Only the sha256 of the secret is stored; the URL is
 * shown once and revoking the token kills the URL. A token is per rotation,
 * or (no rotation) "my shifts" across every rotation for its owner.
 */
const PREFIX = "ogc_";
const DAY = millisecondsInDay;
export const FEED_PAST_DAYS = 7;
export const FEED_FUTURE_DAYS = 90;
/** How far before the feed window shifts are computed, so the first one is whole (longer shifts are rare). */
const SHIFT_LEAD_DAYS = 35;

const hash = (secret: string) => createHash("sha256").update(secret).digest("hex");

export const calendarPath = (secret: string) => `/ical/${secret}.ics`;

export async function createCalendarToken({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "tokens.manage");
  const { rotationId } = parseInput(calendarTokenSchema, input);
  const secret = PREFIX + randomBytes(24).toString("base64url");
  return db.$transaction(async (tx) => {
    if (rotationId && !(await tx.rotation.findUnique({ where: { id: rotationId }, select: { id: true } }))) throw new NotFoundError("Rotation");
    const token = await tx.calendarToken.create({ data: { userId: actor.id, rotationId: rotationId ?? null, tokenHash: hash(secret) }, select: { id: true, rotationId: true, createdAt: true } });
    await audit(tx, { actor, action: "calendar_token.created", entity: "CalendarToken", entityId: token.id, data: { rotationId: rotationId ?? null } });
    return { ...token, secret, path: calendarPath(secret) };
  });
}

export async function revokeCalendarToken({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "tokens.manage");
  const { id } = parseInput(z.object({ id: z.string().min(1, "Token id is required") }), input);
  return db.$transaction(async (tx) => {
    const token = await tx.calendarToken.findFirst({ where: { id, userId: actor.id, revokedAt: null }, select: { id: true } });
    if (!token) throw new NotFoundError("Calendar feed");
    await tx.calendarToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await audit(tx, { actor, action: "calendar_token.revoked", entity: "CalendarToken", entityId: id });
    return { id };
  });
}

export async function listCalendarTokens(actor: Actor) {
  const tokens = await db.calendarToken.findMany({ where: { userId: actor.id, revokedAt: null }, orderBy: { createdAt: "desc" }, select: { id: true, rotationId: true, createdAt: true } });
  const names = new Map((await db.rotation.findMany({ select: { id: true, name: true } })).map((r) => [r.id, r.name]));
  return tokens.map((t) => ({ ...t, label: t.rotationId ? `Rotation: ${names.get(t.rotationId) ?? "deleted rotation"}` : "My shifts (all rotations)" }));
}

/** The feed for a secret, or null when the token is unknown, revoked or its owner inactive. */
export async function buildCalendarFeed(secret: string, now: Date = new Date()): Promise<string | null> {
  if (!secret.startsWith(PREFIX)) return null;
  const token = await db.calendarToken.findUnique({
    where: { tokenHash: hash(secret) },
    select: { revokedAt: true, rotationId: true, user: { select: { id: true, name: true, active: true } } },
  });
  if (!token || token.revokedAt || !token.user.active) return null;
  const from = new Date(now.getTime() - FEED_PAST_DAYS * DAY);
  const to = new Date(now.getTime() + FEED_FUTURE_DAYS * DAY);
  // Shifts are computed from well before `from` to well after `to` and then filtered, so neither the first nor the last
  // is cut at a window edge that moves with the request instant (its start, and so its UID, stay stable across fetches).
  const lead = new Date(from.getTime() - SHIFT_LEAD_DAYS * DAY);
  const tail = new Date(to.getTime() + SHIFT_LEAD_DAYS * DAY);
  const rotations = await loadRotations(db, { ...(token.rotationId ? { ids: [token.rotationId] } : {}), from: lead, to: tail });
  if (token.rotationId && !rotations.length) return null;
  const events = rotations.flatMap((r) => {
    const res = shiftsFor(r, r.overrides, lead, tail);
    if (!res.ok) return [];
    // whole shifts only: overlapping [from, to], not cut at lead/tail
    return res.shifts.filter((s) => s.end > from && s.start < to && s.start > lead && s.end < tail && (token.rotationId || s.userId === token.user.id)).map((s) => ({ rotation: r, shift: s }));
  });
  const users = await usersById(db, events.map((e) => e.shift.userId));
  const cal = ical({
    name: token.rotationId ? `OpsGate on-call: ${rotations[0].name}` : `OpsGate: ${token.user.name}'s on-call shifts`,
    prodId: { company: "OpsGate", product: "on-call", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    timezone: "UTC",
    ttl: 15 * 60,
  });
  for (const { rotation, shift } of events) {
    const who = users.get(shift.userId)?.name ?? "Unknown";
    cal.createEvent({
      // Stable per shift so calendar apps update rather than duplicate.
      id: `${rotation.id}-${shift.start.getTime()}-${shift.userId}@opsgate`,
      start: shift.start,
      end: shift.end,
      // Stable (not the request instant), so an unchanged feed has an unchanged body and ETag.
      stamp: rotation.createdAt,
      // Being on call does not make the person busy: a 24-hour shift must not block the day.
      transparency: ICalEventTransparency.TRANSPARENT,
      summary: `On call: ${who} (${rotation.name}${shift.source === "override" ? ", override" : ""})`,
      description: `${rotation.role} rotation "${rotation.name}". ${shift.source === "override" ? "Covering by override." : "Scheduled shift."}`,
    });
  }
  const text = cal.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}
