import "server-only";
import { randomUUID } from "node:crypto";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { channelFor } from "@/lib/contacts/rules";
import { contactMethodIdSchema, createContactMethodSchema, createNotificationRuleSchema, MAX_CONTACT_METHODS, MAX_NOTIFICATION_RULES, notificationRuleIdSchema } from "@/lib/contacts/schemas";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/outbox";
import { deliverDue } from "@/lib/jobs/deliver-due";
import { log } from "@/lib/log";
import { maskUrl } from "@/lib/notify/format";
import { parseInput } from "@/lib/validation";

/*
 * One's own contact methods and notification rules (Settings → Notifications).
 * Everyone manages only their own: every lookup is scoped to actor.id, so
 * another person's id is a 404. Slack/ntfy/webhook URLs are secrets: audit
 * rows and reads carry them masked.
 */

export const maskTarget = (kind: string, target: string) => (kind === "email" ? target : maskUrl(target));

export async function createContactMethod({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "contacts.manage");
  const data = parseInput(createContactMethodSchema, input);
  return db.$transaction(async (tx) => {
    if ((await tx.contactMethod.count({ where: { userId: actor.id } })) >= MAX_CONTACT_METHODS) throw new ValidationError({ kind: `At most ${MAX_CONTACT_METHODS} contact methods` });
    const m = await tx.contactMethod.create({ data: { ...data, userId: actor.id }, select: { id: true, kind: true, label: true, target: true } });
    await audit(tx, { actor, action: "contact.created", entity: "ContactMethod", entityId: m.id, data: { kind: m.kind, label: m.label, target: maskTarget(m.kind, m.target) } });
    return { ...m, target: maskTarget(m.kind, m.target) };
  });
}

export async function deleteContactMethod({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "contacts.manage");
  const { id } = parseInput(contactMethodIdSchema, input);
  return db.$transaction(async (tx) => {
    const m = await tx.contactMethod.findFirst({ where: { id, userId: actor.id }, select: { id: true, kind: true, label: true } });
    if (!m) throw new NotFoundError("Contact method");
    await tx.contactMethod.delete({ where: { id } }); // its rules go with it (cascade)
    await audit(tx, { actor, action: "contact.deleted", entity: "ContactMethod", entityId: id, data: { kind: m.kind, label: m.label } });
    return { id };
  });
}

export async function createNotificationRule({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "contacts.manage");
  const { contactMethodId, delayMinutes } = parseInput(createNotificationRuleSchema, input);
  return db.$transaction(async (tx) => {
    const m = await tx.contactMethod.findFirst({ where: { id: contactMethodId, userId: actor.id }, select: { id: true, label: true } });
    if (!m) throw new ValidationError({ contactMethodId: "Pick one of your contact methods" });
    if ((await tx.notificationRule.count({ where: { userId: actor.id } })) >= MAX_NOTIFICATION_RULES) throw new ValidationError({ delayMinutes: `At most ${MAX_NOTIFICATION_RULES} rules` });
    if (await tx.notificationRule.findFirst({ where: { contactMethodId, delayMinutes }, select: { id: true } })) throw new ConflictError("That rule exists already", { delayMinutes: "That rule exists already" });
    const r = await tx.notificationRule.create({ data: { userId: actor.id, contactMethodId, delayMinutes }, select: { id: true, contactMethodId: true, delayMinutes: true } });
    await audit(tx, { actor, action: "notification_rule.created", entity: "NotificationRule", entityId: r.id, data: { contactMethod: m.label, delayMinutes } });
    return r;
  });
}

export async function deleteNotificationRule({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "contacts.manage");
  const { id } = parseInput(notificationRuleIdSchema, input);
  return db.$transaction(async (tx) => {
    const r = await tx.notificationRule.findFirst({ where: { id, userId: actor.id }, select: { id: true, delayMinutes: true } });
    if (!r) throw new NotFoundError("Notification rule");
    await tx.notificationRule.delete({ where: { id } });
    await audit(tx, { actor, action: "notification_rule.deleted", entity: "NotificationRule", entityId: id, data: { delayMinutes: r.delayMinutes } });
    return { id };
  });
}

/** Queues one test message to one of one's contact methods, audited. */
export async function sendContactTest({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "contacts.manage");
  const { id } = parseInput(contactMethodIdSchema, input);
  return db.$transaction(async (tx) => {
    const m = await tx.contactMethod.findFirst({ where: { id, userId: actor.id }, select: { id: true, kind: true, label: true, target: true } });
    if (!m) throw new NotFoundError("Contact method");
    const title = `OpsGate test message for "${m.label}"`;
    const dedupeKey = `contact.test:${m.id}:${randomUUID()}`;
    await enqueue(tx, [{ channel: channelFor(m.kind), target: m.target, subject: title, payload: { event: "contact.test", title, body: `${actor.name}, this is how OpsGate pages you here.`, link: "/settings/notifications", data: { priority: "3" } }, dedupeKey }], now);
    const message = await tx.outboxMessage.findUnique({ where: { dedupeKey }, select: { id: true } });
    await audit(tx, { actor, action: "contact.tested", entity: "ContactMethod", entityId: m.id, data: { outboxId: message?.id ?? null } });
    return { id: m.id, outboxId: message?.id ?? null };
  });
}

/** Test, then deliver at once so the page can say whether it arrived. */
export async function sendContactTestNow({ actor, input }: { actor: Actor; input: unknown }) {
  const queued = await sendContactTest({ actor, input });
  if (!queued.outboxId) return { delivered: false, lastError: null };
  await deliverDue(new Date(), { ids: [queued.outboxId] }).catch((err: unknown) => log.error({ err, outboxId: queued.outboxId }, "contact test delivery crashed"));
  const read = () => db.outboxMessage.findUnique({ where: { id: queued.outboxId! }, select: { status: true, lastError: true } });
  let row = await read();
  // The background worker may have claimed it first: wait briefly for that attempt's outcome.
  for (let i = 0; i < 50 && row?.status === "pending" && row.lastError === null; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    row = await read();
  }
  return { delivered: row?.status === "delivered", lastError: row?.lastError ?? null };
}

/** One's own methods (targets masked) and rules, for Settings → Notifications. */
export async function listMyContacts(actor: Actor) {
  const [methods, rules] = await Promise.all([
    db.contactMethod.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "asc" }, select: { id: true, kind: true, label: true, target: true, createdAt: true } }),
    db.notificationRule.findMany({ where: { userId: actor.id }, orderBy: [{ delayMinutes: "asc" }, { createdAt: "asc" }], select: { id: true, contactMethodId: true, delayMinutes: true } }),
  ]);
  return { methods: methods.map((m) => ({ ...m, target: maskTarget(m.kind, m.target) })), rules };
}
