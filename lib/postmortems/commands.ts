import "server-only";
import { audit, type AuditEntry } from "@/lib/audit";
import { assertCan, can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { ConflictError, ForbiddenError, GateBlockedError, NotFoundError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { addBusinessDays, parseRequiredSeverities, postmortemRequired, type PostmortemPolicy, type SeverityLevel } from "./due";
import { createFollowUpSchema, transitionPostmortemSchema, updateFollowUpSchema, updatePostmortemSchema } from "./schemas";
import { checkPostmortemTransition } from "./state-machine";

const TX = { timeout: 20_000, maxWait: 15_000 } as const;

/** The policy from OPSGATE_POSTMORTEM_REQUIRED / OPSGATE_POSTMORTEM_DUE_DAYS. */
export function postmortemPolicy(): PostmortemPolicy {
  const env = getEnv();
  return { requiredFor: parseRequiredSeverities(env.OPSGATE_POSTMORTEM_REQUIRED), dueBusinessDays: env.OPSGATE_POSTMORTEM_DUE_DAYS };
}

/**
 * Inside the resolve transaction: a required postmortem for the incident's
 * severity, owned by the commander, due in N business days. Resolving again
 * after a reopen keeps the existing one.
 */
export async function createPostmortemOnResolve(
  tx: Tx,
  { incident, now, policy = postmortemPolicy(), audits }: { incident: { id: string; severity: string; commanderId: string | null }; now: Date; policy?: PostmortemPolicy; /** collect the audit row here (the caller writes it last) */ audits?: AuditEntry[] },
) {
  if (!postmortemRequired(incident.severity as SeverityLevel, policy)) return null;
  const existing = await tx.postmortem.findUnique({ where: { incidentId: incident.id }, select: { id: true } });
  if (existing) return existing.id;
  const dueAt = addBusinessDays(now, policy.dueBusinessDays);
  const pm = await tx.postmortem.create({ data: { incidentId: incident.id, ownerId: incident.commanderId, dueAt, required: true, createdAt: now } });
  const entry: AuditEntry = { actor: { system: "postmortems" }, action: "postmortem.created", entity: "Postmortem", entityId: pm.id, at: now, data: { incidentId: incident.id, ownerId: incident.commanderId, dueAt: dueAt.toISOString() } };
  if (audits) audits.push(entry);
  else await audit(tx, entry);
  return pm.id;
}

async function loadPm(tx: Tx, id: string) {
  const pm = await tx.postmortem.findUnique({ where: { id } });
  if (!pm) throw new NotFoundError("Postmortem");
  return pm;
}

function assertSeen(pm: { version: number }, seen: number) {
  if (seen !== pm.version) throw new ConflictError("This postmortem was changed by someone else; reload and try again", { version: `current version is ${pm.version}` });
}

async function bump(tx: Tx, pm: { id: string; version: number }, data: Parameters<Tx["postmortem"]["updateMany"]>[0]["data"]) {
  const { count } = await tx.postmortem.updateMany({ where: { id: pm.id, version: pm.version }, data: { ...data, version: { increment: 1 } } });
  if (count !== 1) throw new ConflictError("This postmortem was changed by someone else; reload and try again");
}

async function assertUser(tx: Tx, field: string, id: string | null | undefined) {
  if (!id) return;
  const u = await tx.user.findUnique({ where: { id }, select: { active: true } });
  if (!u?.active) throw new ValidationError({ [field]: "Choose an active user" });
}

/** Edits the sections (and owner); edits of a published postmortem are audited as such. */
export async function updatePostmortem({ actor, id, input, now = new Date() }: { actor: Actor; id: string; input: unknown; now?: Date }) {
  assertCan(actor, "postmortems.edit");
  const { version, ...data } = parseInput(updatePostmortemSchema, input);
  return db.$transaction(async (tx) => {
    const pm = await loadPm(tx, id);
    assertSeen(pm, version);
    if (data.ownerId !== undefined) await assertUser(tx, "ownerId", data.ownerId);
    const changed = Object.fromEntries(Object.entries(data).filter(([k, v]) => v !== undefined && (pm as Record<string, unknown>)[k] !== v));
    await bump(tx, pm, { ...changed, updatedAt: now });
    const before = Object.fromEntries(Object.keys(changed).map((k) => [k, (pm as Record<string, unknown>)[k]]));
    await audit(tx, { actor, action: "postmortem.updated", entity: "Postmortem", entityId: pm.id, at: now, data: { fields: Object.keys(changed), before, after: changed, afterPublish: pm.status === "Published" } });
    return { id: pm.id, version: pm.version + 1 };
  }, TX);
}

/** Draft → In review → Published (a review may send it back); publishing is the owner's (or publish_any). */
export async function transitionPostmortem({ actor, id, input, now = new Date() }: { actor: Actor; id: string; input: unknown; now?: Date }) {
  assertCan(actor, "postmortems.edit");
  const { to, version } = parseInput(transitionPostmortemSchema, input);
  return db.$transaction(async (tx) => {
    const pm = await loadPm(tx, id);
    assertSeen(pm, version);
    if (to === "Published") assertCan(actor, "postmortems.publish");
    const verdict = checkPostmortemTransition(pm, to, { id: actor.id, mayPublishAny: can(actor.role, "postmortems.publish_any") });
    if (!verdict.ok) {
      if (verdict.forbidden) throw new ForbiddenError(verdict.reason);
      throw new GateBlockedError(verdict.reason, { [verdict.field]: verdict.reason });
    }
    await bump(tx, pm, { status: to, publishedAt: to === "Published" ? now : pm.publishedAt, updatedAt: now });
    await audit(tx, { actor, action: to === "Published" ? "postmortem.published" : "postmortem.transitioned", entity: "Postmortem", entityId: pm.id, at: now, data: { from: pm.status, to } });
    return { id: pm.id, status: to, version: pm.version + 1 };
  }, TX);
}

async function assertChange(tx: Tx, changeId: string | null | undefined) {
  if (!changeId) return;
  if (!(await tx.changeRequest.findUnique({ where: { id: changeId }, select: { id: true } }))) throw new ValidationError({ changeId: "No such change request" });
}

export async function createFollowUp({ actor, postmortemId, input, now = new Date() }: { actor: Actor; postmortemId: string; input: unknown; now?: Date }) {
  assertCan(actor, "postmortems.edit");
  const data = parseInput(createFollowUpSchema, input);
  return db.$transaction(async (tx) => {
    const pm = await loadPm(tx, postmortemId);
    await assertUser(tx, "ownerId", data.ownerId);
    await assertChange(tx, data.changeId);
    const a = await tx.postmortemAction.create({ data: { postmortemId: pm.id, title: data.title, ownerId: data.ownerId ?? null, dueAt: data.dueAt ?? null, status: data.status ?? "Open", changeId: data.changeId ?? null, createdAt: now } });
    await audit(tx, { actor, action: "postmortem.follow_up_created", entity: "PostmortemAction", entityId: a.id, at: now, data: { postmortemId: pm.id, title: a.title, afterPublish: pm.status === "Published" } });
    return { id: a.id };
  }, TX);
}

async function loadAction(tx: Tx, postmortemId: string, actionId: string) {
  const a = await tx.postmortemAction.findFirst({ where: { id: actionId, postmortemId }, include: { postmortem: { select: { status: true } } } });
  if (!a) throw new NotFoundError("Follow-up action");
  return a;
}

export async function updateFollowUp({ actor, postmortemId, actionId, input, now = new Date() }: { actor: Actor; postmortemId: string; actionId: string; input: unknown; now?: Date }) {
  assertCan(actor, "postmortems.edit");
  const data = parseInput(updateFollowUpSchema, input);
  return db.$transaction(async (tx) => {
    const a = await loadAction(tx, postmortemId, actionId);
    if (data.ownerId !== undefined) await assertUser(tx, "ownerId", data.ownerId);
    if (data.changeId !== undefined) await assertChange(tx, data.changeId);
    const changed = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    await tx.postmortemAction.update({ where: { id: a.id }, data: { ...changed, updatedAt: now } });
    await audit(tx, { actor, action: "postmortem.follow_up_updated", entity: "PostmortemAction", entityId: a.id, at: now, data: { postmortemId, fields: Object.keys(changed), afterPublish: a.postmortem.status === "Published" } });
    return { id: a.id };
  }, TX);
}

export async function deleteFollowUp({ actor, postmortemId, actionId, now = new Date() }: { actor: Actor; postmortemId: string; actionId: string; now?: Date }) {
  assertCan(actor, "postmortems.edit");
  return db.$transaction(async (tx) => {
    const a = await loadAction(tx, postmortemId, actionId);
    await tx.postmortemAction.delete({ where: { id: a.id } });
    await audit(tx, { actor, action: "postmortem.follow_up_deleted", entity: "PostmortemAction", entityId: a.id, at: now, data: { postmortemId, title: a.title, afterPublish: a.postmortem.status === "Published" } });
    return { id: a.id, deleted: true };
  }, TX);
}
