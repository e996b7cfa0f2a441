import "server-only";
/**
 * User administration (issue 13): invite, role, deactivate/reactivate, reset
 * password (ARCHITECT, `users.manage`), and self-service name/password.
 * Set-password links are one-time secrets of which only the SHA-256 is
 * stored (PasswordLink); the link goes out through the outbox as email when
 * SMTP_URL is set, and is returned to the ARCHITECT otherwise so it can be
 * handed over. Deactivation and role/password changes end sessions through
 * the database trigger on "User" (lib/auth/session-version.ts); API tokens
 * of inactive users are refused by lib/auth/tokens.ts on the next request.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "@/lib/http/openapi";
import { audit } from "@/lib/audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { assertCan, ROLES, rolesWith, type Role } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { SYSTEM_USER_EMAILS } from "@/lib/auth/system-actor";
import { db, type Tx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/outbox";
import { assertPrimaryCovered, primarySnapshot } from "@/lib/oncall/coverage";
import { parseInput } from "@/lib/validation";
import { millisecondsInDay } from "date-fns/constants";
import { LIMITS } from "@/lib/users/schemas";

export const INVITE_TTL_MS = 7 * millisecondsInDay;
export const RESET_TTL_MS = millisecondsInDay;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

const password = z.string().min(12, "At least 12 characters").max(LIMITS.password, `At most ${LIMITS.password} characters`);
const name = z.string().trim().min(1, "Name is required").max(LIMITS.name, `At most ${LIMITS.name} characters`);
export const inviteSchema = z.object({
  email: z.email("Enter a valid email address").max(LIMITS.email, `At most ${LIMITS.email} characters`).transform((s) => s.toLowerCase()),
  name,
  role: z.enum(ROLES, "Pick a role"),
});
const idSchema = z.object({ id: z.string().min(1, "User id is required").max(64) });
export const changeRoleSchema = idSchema.extend({ role: z.enum(ROLES, "Pick a role") });
export const setPasswordSchema = z.object({ token: z.string().min(1, "The link is incomplete").max(200), password });
export const profileSchema = z.object({ name });
export const changePasswordSchema = z.object({ currentPassword: z.string().max(LIMITS.password).optional(), newPassword: password });

export const userSelect = { id: true, email: true, name: true, role: true, active: true, lastSignInAt: true, createdAt: true, passwordHash: true, oidcSubject: true } as const;
type UserRow = { id: string; email: string; name: string; role: Role; active: boolean; lastSignInAt: Date | null; createdAt: Date; passwordHash: string | null; oidcSubject: string | null };

/** What the API and the pages show: never the hash. status: active | invited (no password, no SSO yet) | deactivated. */
export function toUserDto(u: UserRow) {
  const status = !u.active ? "deactivated" : !u.passwordHash && !u.oidcSubject ? "invited" : "active";
  return { id: u.id, email: u.email, name: u.name, role: u.role, status, lastSignInAt: u.lastSignInAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString() };
}

/** All people, system users hidden, ordered by name. */
export async function listUsers(actor: Actor) {
  assertCan(actor, "users.manage");
  const rows = await db.user.findMany({ where: { email: { notIn: SYSTEM_USER_EMAILS } }, select: userSelect, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return rows.map(toUserDto);
}

function linkUrl(secret: string) {
  const base = (getEnv().NEXTAUTH_URL ?? "").replace(/\/$/, "");
  return `${base}/set-password/${secret}`;
}

/** Creates a one-time link (earlier unused links of the user are voided); emails it when SMTP is configured, returns it otherwise. */
async function issueLink(tx: Tx, user: { id: string; email: string; name: string }, purpose: "invite" | "reset", actor: Actor, now: Date) {
  const secret = randomBytes(32).toString("base64url");
  await tx.passwordLink.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
  const link = await tx.passwordLink.create({
    data: { userId: user.id, purpose, tokenHash: sha256(secret), expiresAt: new Date(now.getTime() + (purpose === "invite" ? INVITE_TTL_MS : RESET_TTL_MS)), createdById: actor.id },
    select: { id: true, expiresAt: true },
  });
  const url = linkUrl(secret);
  const emailed = !!getEnv().SMTP_URL;
  if (emailed) {
    const title = purpose === "invite" ? "You have been invited to OpsGate" : "Reset your OpsGate password";
    await enqueue(
      tx,
      [{ channel: "email", target: user.email, subject: title, dedupeKey: `password-link:${link.id}`, payload: { event: `user.${purpose}`, title, body: `Hello ${user.name},\nset your password here (valid until ${link.expiresAt.toISOString()}, usable once):\n${url}`, link: url, data: {} } }],
      now,
    );
  }
  return { expiresAt: link.expiresAt.toISOString(), emailed, ...(emailed ? {} : { link: url }) };
}

export async function inviteUser({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "users.manage");
  const data = parseInput(inviteSchema, input);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } })) throw new ConflictError("A user with this email exists", { email: "A user with this email exists" });
    const user = await tx.user.create({ data: { email: data.email, name: data.name, role: data.role }, select: userSelect });
    const issued = await issueLink(tx, user, "invite", actor, now);
    await audit(tx, { actor, action: "user.invited", entity: "User", entityId: user.id, data: { email: data.email, role: data.role, emailed: issued.emailed } });
    return { user: toUserDto(user), invitation: issued };
  });
}

async function lockUser(tx: Tx, id: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${id} FOR UPDATE`;
  const user = locked.length ? await tx.user.findFirst({ where: { id, email: { notIn: SYSTEM_USER_EMAILS } }, select: userSelect }) : null;
  if (!user) throw new NotFoundError("User");
  return user;
}

/**
 * Refuses to leave nobody able to administer users: the last active holder of
 * `users.manage` keeps it. The admins' rows are locked, so two ARCHITECTs
 * demoting each other at once cannot both pass.
 */
async function assertNotLastAdmin(tx: Tx, user: UserRow, field: string) {
  const admins = rolesWith("users.manage") as string[];
  if (!user.active || !admins.includes(user.role)) return;
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE active AND role::text = ANY(${admins}) ORDER BY id FOR UPDATE`;
  if (rows.filter((r) => r.id !== user.id).length === 0)
    throw new ConflictError("This is the last active Infrastructure Architect: make someone else one first", { [field]: "The last active Infrastructure Architect cannot be demoted or deactivated" });
}

export async function changeUserRole({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "users.manage");
  const { id, role } = parseInput(changeRoleSchema, input);
  return db.$transaction(async (tx) => {
    const coverage = await primarySnapshot(tx, now);
    const user = await lockUser(tx, id);
    if (user.role === role) return toUserDto(user);
    if (!(rolesWith("users.manage") as string[]).includes(role)) await assertNotLastAdmin(tx, user, "role");
    const updated = await tx.user.update({ where: { id }, data: { role }, select: userSelect });
    // a role that may not be on call leaves the person's primary shifts uncovered (lib/oncall/coverage.ts)
    await assertPrimaryCovered(tx, coverage, now, "role");
    await audit(tx, { actor, action: "user.role_changed", entity: "User", entityId: id, data: { from: user.role, to: role } });
    return toUserDto(updated);
  });
}

export async function setUserActive({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "users.manage");
  const { id, active } = parseInput(idSchema.extend({ active: z.boolean("active must be true or false") }), input);
  return db.$transaction(async (tx) => {
    const coverage = await primarySnapshot(tx, now);
    const user = await lockUser(tx, id);
    if (user.active === active) return toUserDto(user);
    if (!active) await assertNotLastAdmin(tx, user, "active");
    const updated = await tx.user.update({ where: { id }, data: { active }, select: userSelect });
    // deactivating someone whose primary shifts no override covers is refused, naming the first gap (lib/oncall/coverage.ts)
    if (!active) await assertPrimaryCovered(tx, coverage, now, "active");
    await audit(tx, { actor, action: active ? "user.reactivated" : "user.deactivated", entity: "User", entityId: id, data: { email: user.email } });
    return toUserDto(updated);
  });
}

/** A new one-time link; the current password stays valid until the link is used. */
export async function resetUserPassword({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "users.manage");
  const { id } = parseInput(idSchema, input);
  return db.$transaction(async (tx) => {
    const user = await lockUser(tx, id);
    if (!user.active) throw new ConflictError("Reactivate the user first", { id: "The user is deactivated" });
    const issued = await issueLink(tx, user, user.passwordHash || user.oidcSubject ? "reset" : "invite", actor, now);
    await audit(tx, { actor, action: "user.password_reset_issued", entity: "User", entityId: id, data: { emailed: issued.emailed } });
    return issued;
  });
}

/** Whether a link is usable (for the set-password page): the user's email, or null. */
export async function peekPasswordLink(token: string, now = new Date()) {
  if (!token || token.length > 200) return null;
  const link = await db.passwordLink.findUnique({ where: { tokenHash: sha256(token) }, select: { usedAt: true, expiresAt: true, user: { select: { email: true, active: true } } } });
  if (!link || link.usedAt || link.expiresAt <= now || !link.user.active) return null;
  return { email: link.user.email };
}

/** Public: sets the password from a one-time link. Expired, used or unknown links are refused alike. */
export async function setPasswordFromLink({ input, now = new Date() }: { input: unknown; now?: Date }) {
  const data = parseInput(setPasswordSchema, input);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    // the UPDATE … WHERE usedAt IS NULL claims the link: of two concurrent uses one wins
    const claimed = await tx.passwordLink.updateMany({ where: { tokenHash: sha256(data.token), usedAt: null, expiresAt: { gt: now }, user: { active: true } }, data: { usedAt: now } });
    if (claimed.count !== 1) throw new ValidationError({ token: "This link has expired or was already used: ask an Infrastructure Architect for a new one" });
    const link = await tx.passwordLink.findUniqueOrThrow({ where: { tokenHash: sha256(data.token) }, select: { id: true, purpose: true, userId: true } });
    const user = await tx.user.update({ where: { id: link.userId }, data: { passwordHash }, select: { id: true, email: true } });
    await audit(tx, { actor: { system: "password-link" }, action: link.purpose === "invite" ? "user.invitation_accepted" : "user.password_reset", entity: "User", entityId: user.id, data: { linkId: link.id } });
    return { email: user.email };
  });
}

export async function updateOwnProfile({ actor, input }: { actor: Actor; input: unknown }) {
  const data = parseInput(profileSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } });
    const user = await tx.user.update({ where: { id: actor.id }, data: { name: data.name }, select: userSelect });
    await audit(tx, { actor, action: "user.profile_updated", entity: "User", entityId: actor.id, data: { from: before.name, to: data.name } });
    return toUserDto(user);
  });
}

/** Own password: the current one is required when one is set. Ends the other sessions (trigger). */
export async function changeOwnPassword({ actor, input }: { actor: Actor; input: unknown }) {
  const data = parseInput(changePasswordSchema, input);
  const current = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
  if (current.passwordHash && !(data.currentPassword && (await verifyPassword(current.passwordHash, data.currentPassword))))
    throw new ValidationError({ currentPassword: "The current password is wrong" });
  const passwordHash = await hashPassword(data.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash } });
    await audit(tx, { actor, action: "user.password_changed", entity: "User", entityId: actor.id, data: {} });
    return { ok: true };
  });
}
