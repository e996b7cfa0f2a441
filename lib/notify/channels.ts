import "server-only";
import nodemailer from "nodemailer";
import type { Tx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { OutboundError, safeFetch } from "@/lib/net/outbound";
import { emailContent, ntfyRequest, rawWebhookBody, readPayload, signature, slackBody, webhookBody, type OutboundMessage } from "@/lib/notify/format";

/** A delivery that did not succeed; the message is what ends up in OutboxMessage.lastError. */
export class DeliveryError extends Error {}

/** `now`: the delivery instant (signs webhook timestamps); defaults to the clock. */
export type ChannelOptions = { timeoutMs?: number; now?: Date };

export const WEBHOOK_TIMEOUT_MS = 5_000;

/** Base for absolute links in messages that leave OpsGate. */
export function publicBaseUrl(): string {
  const env = getEnv();
  return env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
}

async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number) {
  await post(url, JSON.stringify(body), { "content-type": "application/json", ...headers }, timeoutMs);
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number) {
  let res;
  try {
    res = await safeFetch(url, {
      method: "POST",
      headers: { "user-agent": "OpsGate-Webhook/1", ...headers },
      body,
      timeoutMs,
    });
  } catch (err) {
    if (err instanceof OutboundError) throw new DeliveryError(err.message);
    throw err;
  }
  // Only the status code and its standard reason: the target's body never reaches lastError (it is shown to admins).
  if (!res.ok) throw new DeliveryError(res.summary);
}

/**
 * Builds the webhook request: the generic body, or the body stored whole in the
 * payload (subscriber webhooks in Statuspage's format); signed (`t=…,v1=…`)
 * when OPSGATE_WEBHOOK_SECRET is set.
 */
export async function sendWebhook(msg: OutboundMessage, opts: ChannelOptions = {}) {
  const body = rawWebhookBody(msg) ?? webhookBody(msg, publicBaseUrl());
  const headers: Record<string, string> = { "x-opsgate-event": readPayload(msg).event, "x-opsgate-delivery": msg.id };
  const secret = getEnv().OPSGATE_WEBHOOK_SECRET;
  if (secret) headers["x-opsgate-signature"] = signature(secret, JSON.stringify(body), opts.now ?? new Date());
  await postJson(msg.target, body, headers, opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
}

export async function sendSlack(msg: OutboundMessage, opts: ChannelOptions = {}) {
  await postJson(msg.target, slackBody(msg, publicBaseUrl()), {}, opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
}

/** ntfy-compatible push: POST of the message text to the topic URL with Title, Priority, Tags, Click and an acknowledge action. */
export async function sendNtfy(msg: OutboundMessage, opts: ChannelOptions = {}) {
  const req = ntfyRequest(msg, publicBaseUrl());
  await post(msg.target, req.body, req.headers, opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
}

/** Sends over SMTP_URL (read at call time, so a changed env applies after resetEnvCache()). */
export async function sendEmail(msg: OutboundMessage) {
  const env = getEnv();
  if (!env.SMTP_URL) throw new DeliveryError("SMTP_URL is not configured");
  const transport = nodemailer.createTransport({ url: env.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  const content = emailContent(msg, publicBaseUrl());
  try {
    await transport.sendMail({ from: env.SMTP_FROM, to: msg.target, subject: content.subject, text: content.text, html: content.html });
  } catch (err) {
    throw new DeliveryError(`SMTP: ${(err as Error).message}`.slice(0, 300));
  } finally {
    transport.close();
  }
}

/**
 * In-app: one Notification row for the user (target = user id). Runs in the
 * caller's transaction, the same one that marks the message delivered, so an
 * in-app notification is created exactly once.
 */
export async function createInAppNotification(tx: Tx, msg: OutboundMessage) {
  const p = readPayload(msg);
  const user = await tx.user.findUnique({ where: { id: msg.target }, select: { id: true } });
  if (!user) throw new DeliveryError(`no user ${msg.target}`);
  await tx.notification.create({ data: { userId: user.id, title: p.title.slice(0, 500), body: p.body, link: p.link } });
}
