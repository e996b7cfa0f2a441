import "server-only";
import type { Tx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";

export type OutboxInput = {
  channel: "in_app" | "webhook" | "slack" | "email" | "ntfy" | "alertmanager_silence";
  /** user id (in_app), URL (webhook/slack/ntfy) or email address (email) */
  target: string;
  subject: string;
  payload: Record<string, unknown>;
  /** makes a second enqueue of the same message a no-op */
  dedupeKey?: string;
};

/** Writes messages in the caller's transaction; the outbox job delivers them (lib/jobs/deliver-due.ts). */
export async function enqueue(tx: Tx, messages: OutboxInput[], now = new Date()) {
  if (!messages.length) return 0;
  const result = await tx.outboxMessage.createMany({
    data: messages.map((m) => ({ ...m, payload: JSON.parse(JSON.stringify(m.payload)) as Prisma.InputJsonObject, nextAttemptAt: now })),
    skipDuplicates: true,
  });
  return result.count;
}

export type Notice = {
  title: string;
  body: string;
  /** path inside OpsGate, e.g. /incidents/abc */
  link?: string;
  /** event name for webhooks, e.g. "incident.paged" */
  event: string;
  data?: Record<string, unknown>;
  /** unique per logical event; each channel/target gets its own derived key */
  dedupeKey?: string;
};

export type NotifyOptions = {
  /** also to every active webhook endpoint (default true); a message with someone's personal link must not go there */
  hooks?: boolean;
  /** outside email addresses (when SMTP_URL is set), e.g. a human escalation's contacts */
  emails?: string[];
};

/**
 * Fans one notice out to people (in-app, and email when SMTP_URL is set) and
 * to every active webhook endpoint (generic JSON or Slack-compatible text).
 */
export async function notify(tx: Tx, userIds: string[], notice: Notice, now = new Date(), opts: NotifyOptions = {}) {
  const users = userIds.length ? await tx.user.findMany({ where: { id: { in: [...new Set(userIds)] }, active: true }, select: { id: true, email: true } }) : [];
  const hooks = opts.hooks === false ? [] : await tx.webhookEndpoint.findMany({ where: { active: true }, select: { id: true, url: true, format: true } });
  const key = (suffix: string) => (notice.dedupeKey ? `${notice.dedupeKey}:${suffix}` : undefined);
  const payload = { event: notice.event, title: notice.title, body: notice.body, link: notice.link ?? null, data: notice.data ?? {} };
  const smtp = !!getEnv().SMTP_URL;
  const messages: OutboxInput[] = [
    ...users.map((u) => ({ channel: "in_app" as const, target: u.id, subject: notice.title, payload, dedupeKey: key(`in_app:${u.id}`) })),
    ...(smtp ? users.map((u) => ({ channel: "email" as const, target: u.email, subject: notice.title, payload, dedupeKey: key(`email:${u.id}`) })) : []),
    ...(smtp ? (opts.emails ?? []).map((e) => ({ channel: "email" as const, target: e, subject: notice.title, payload, dedupeKey: key(`email:${e}`) })) : []),
    ...hooks.map((h) => ({ channel: h.format === "slack" ? ("slack" as const) : ("webhook" as const), target: h.url, subject: notice.title, payload, dedupeKey: key(`hook:${h.id}`) })),
  ];
  return enqueue(tx, messages, now);
}
