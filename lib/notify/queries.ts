import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPage } from "@/lib/http/pagination";
import { maskUrl } from "@/lib/notify/format";
import type { DeliveryFilter } from "@/lib/notify/schemas";

export type NotificationItem = { id: string; title: string; body: string; link: string | null; readAt: Date | null; createdAt: Date };

/** The caller's own in-app notifications, newest first (cursor = notification id). */
export async function listNotifications(actor: Actor, opts: { limit: number; cursor?: string; unreadOnly?: boolean }) {
  assertCan(actor, "notifications.read");
  const rows = await db.notification.findMany({
    where: { userId: actor.id, ...(opts.unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    select: { id: true, title: true, body: true, link: true, readAt: true, createdAt: true },
  });
  return toPage<NotificationItem>(rows, opts.limit, (r) => r.id);
}

export async function countUnreadNotifications(actor: Pick<Actor, "id">) {
  return db.notification.count({ where: { userId: actor.id, readAt: null } });
}

/** Webhook endpoints for the admin page; URLs are masked (Slack-style URLs embed their secret). */
export async function listWebhookEndpoints(actor: Actor) {
  assertCan(actor, "webhooks.manage");
  const rows = await db.webhookEndpoint.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, name: true, url: true, format: true, active: true, createdAt: true } });
  return rows.map(({ url, ...r }) => ({ ...r, url: maskUrl(url) }));
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>[number];

/** Outbox messages for ARCHITECTs: failed first by default, with their last error. */
export async function listDeliveries(actor: Actor, opts: { filter: DeliveryFilter; limit?: number }) {
  assertCan(actor, "deliveries.read");
  const where: Prisma.OutboxMessageWhereInput = opts.filter === "all" ? {} : { status: opts.filter };
  const rows = await db.outboxMessage.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? 100,
    select: { id: true, channel: true, target: true, subject: true, status: true, attempts: true, nextAttemptAt: true, lastError: true, createdAt: true, deliveredAt: true },
  });
  const userIds = rows.filter((r) => r.channel === "in_app").map((r) => r.target);
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [];
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  return rows.map(({ target, ...r }) => ({
    ...r,
    target: r.channel === "in_app" ? (emailOf.get(target) ?? target) : r.channel === "email" ? target : maskUrl(target),
  }));
}

/** Counts per status for the deliveries page tabs. */
export async function deliveryCounts(actor: Actor) {
  assertCan(actor, "deliveries.read");
  const groups = await db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = { pending: 0, delivered: 0, failed: 0 };
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
}
