import "server-only";
import { randomUUID } from "node:crypto";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/outbox";
import { deliverDue } from "@/lib/jobs/deliver-due";
import { log } from "@/lib/log";
import { maskUrl } from "@/lib/notify/format";
import { createWebhookEndpointSchema, setWebhookEndpointActiveSchema, webhookEndpointIdSchema } from "@/lib/notify/schemas";
import { parseInput } from "@/lib/validation";

/*
 * Webhook endpoints (ARCHITECT). notify() fans every notice out to each active
 * endpoint. Audit rows carry the masked URL only: Slack-style URLs are secrets.
 */

const publicShape = { id: true, name: true, url: true, format: true, active: true, createdAt: true } as const;

export async function createWebhookEndpoint({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "webhooks.manage");
  const data = parseInput(createWebhookEndpointSchema, input);
  return db.$transaction(async (tx) => {
    const hook = await tx.webhookEndpoint.create({ data, select: publicShape });
    await audit(tx, { actor, action: "webhook.created", entity: "WebhookEndpoint", entityId: hook.id, data: { name: hook.name, url: maskUrl(hook.url), format: hook.format, active: hook.active } });
    return { ...hook, url: maskUrl(hook.url) };
  });
}

export async function setWebhookEndpointActive({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "webhooks.manage");
  const { id, active } = parseInput(setWebhookEndpointActiveSchema, input);
  return db.$transaction(async (tx) => {
    const found = await tx.webhookEndpoint.findUnique({ where: { id }, select: { id: true } });
    if (!found) throw new NotFoundError("Webhook endpoint");
    const hook = await tx.webhookEndpoint.update({ where: { id }, data: { active }, select: publicShape });
    await audit(tx, { actor, action: active ? "webhook.activated" : "webhook.deactivated", entity: "WebhookEndpoint", entityId: id, data: { name: hook.name } });
    return { ...hook, url: maskUrl(hook.url) };
  });
}

export async function deleteWebhookEndpoint({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "webhooks.manage");
  const { id } = parseInput(webhookEndpointIdSchema, input);
  return db.$transaction(async (tx) => {
    const hook = await tx.webhookEndpoint.findUnique({ where: { id }, select: publicShape });
    if (!hook) throw new NotFoundError("Webhook endpoint");
    await tx.webhookEndpoint.delete({ where: { id } });
    await audit(tx, { actor, action: "webhook.deleted", entity: "WebhookEndpoint", entityId: id, data: { name: hook.name, url: maskUrl(hook.url), format: hook.format } });
    return { id };
  });
}

/** Queues one "webhook.test" message to an endpoint (active or not) so an ARCHITECT can check it end to end. */
export async function sendWebhookTest({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "webhooks.manage");
  const { id } = parseInput(webhookEndpointIdSchema, input);
  return db.$transaction(async (tx) => {
    const hook = await tx.webhookEndpoint.findUnique({ where: { id }, select: { id: true, name: true, url: true, format: true } });
    if (!hook) throw new NotFoundError("Webhook endpoint");
    const title = `OpsGate test message for "${hook.name}"`;
    const dedupeKey = `webhook.test:${hook.id}:${randomUUID()}`;
    await enqueue(
      tx,
      [{ channel: hook.format === "slack" ? "slack" : "webhook", target: hook.url, subject: title, payload: { event: "webhook.test", title, body: `Sent by ${actor.name}.`, link: "/settings/webhooks", data: {} }, dedupeKey }],
      now,
    );
    const message = await tx.outboxMessage.findUnique({ where: { dedupeKey }, select: { id: true } });
    await audit(tx, { actor, action: "webhook.tested", entity: "WebhookEndpoint", entityId: hook.id, data: { outboxId: message?.id ?? null } });
    return { id: hook.id, outboxId: message?.id ?? null };
  });
}

/** Test, then deliver at once so the admin page can say whether the endpoint answered. */
export async function sendWebhookTestNow({ actor, input }: { actor: Actor; input: unknown }) {
  const queued = await sendWebhookTest({ actor, input });
  if (!queued.outboxId) return { delivered: false, lastError: null };
  await deliverDue(new Date(), { ids: [queued.outboxId] }).catch((err: unknown) => log.error({ err, outboxId: queued.outboxId }, "webhook test delivery crashed"));
  const read = () => db.outboxMessage.findUnique({ where: { id: queued.outboxId! }, select: { status: true, lastError: true } });
  let row = await read();
  // The background outbox worker may have claimed the row first (deliverDue then skips it): wait, briefly,
  // for that attempt's outcome instead of reporting "not delivered" with no reason.
  for (let i = 0; i < 50 && row?.status === "pending" && row.lastError === null; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    row = await read();
  }
  return { delivered: row?.status === "delivered", lastError: row?.lastError ?? null };
}
