import "server-only";
/**
 * Status page subscribers: email and webhooks, both confirmed before anything
 * else is sent (double opt-in), one-click unsubscribe, optionally limited to some components. Messages go through the
 * outbox (lib/jobs/outbox.ts `enqueue`), delivered by the outbox worker.
 *
 * Who triggers notices: `runSubscriberNotifier(now)` (a background job in
 * lib/jobs/start.ts) scans for PUBLISHED incident updates (public = true) and
 * maintenance windows whose notification was sent since a stored high-water
 * mark (JobCursor "status-subscribers", re-scanning a 2-minute overlap so a
 * late-committing transaction is not missed) and enqueues one message per
 * subscriber with a dedupe key per update/window and subscriber: running it
 * twice, or on several instances, never sends twice.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { enqueue, type OutboxInput } from "@/lib/jobs/outbox";
import { hitRateLimits } from "@/lib/net/rate-limit";
import { getPublicIncident, getPublicMaintenance, listPublicComponents, onPublicComponent, pageInfo, publicIndicatorInputs } from "@/lib/status/queries";
import { INCIDENT_STATUS_V2, overallIndicator, SEVERITY_IMPACT, toV2Incident, toV2Maintenance, v2Positions } from "@/lib/status/statuspage-v2";
import { componentUpdateId, componentWebhook, incidentWebhook, webhookPage, type ComponentChange } from "@/lib/status/statuspage-webhook";
import type { ComponentStatusValue, SeverityValue } from "@/lib/status/derive-status";
import type { IncidentStatusValue, PublicIncident, PublicUpdate } from "@/lib/status/public-types";
import { parseInput } from "@/lib/validation";

const SYSTEM = { system: "status-page" } as const;
export const NOTIFIER_CURSOR = "status-subscribers";
export const NOTIFIER_OVERLAP_MS = 120_000;

export const subscribeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("email"), target: z.email("Enter a valid email address").max(254).transform((s) => s.toLowerCase()), componentIds: z.array(z.string().max(64)).max(200).default([]) }),
  z.object({
    kind: z.literal("webhook"),
    target: z
      .url("Enter a valid URL")
      .max(2000)
      .refine((u) => /^https?:\/\//i.test(u), "Only http:// and https:// URLs"),
    componentIds: z.array(z.string().max(64)).max(200).default([]),
  }),
]);
export type SubscribeInput = z.input<typeof subscribeSchema>;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const token = () => randomBytes(24).toString("base64url");

function statusBase() {
  return pageInfo().url.replace(/\/$/, "");
}
export function unsubscribeUrl(t: string) {
  return `${statusBase()}/unsubscribe?token=${encodeURIComponent(t)}`;
}
export function confirmUrl(t: string) {
  return `${statusBase()}/subscribe/confirm?token=${encodeURIComponent(t)}`;
}

const HOUR = 3_600_000;

/** The confirmation message: an email with the link, or a webhook verification request carrying it. */
function confirmationMessage(sub: { id: string; kind: string; target: string }, confirm: string): OutboxInput {
  const page = pageInfo();
  const title = `Confirm your subscription to ${page.name} status`;
  const dedupeKey = `status-confirm:${sub.id}:${sha256(confirm).slice(0, 16)}`;
  if (sub.kind === "email") {
    return {
      channel: "email",
      target: sub.target,
      subject: title,
      payload: {
        event: "status.subscription.confirm",
        title,
        body: `Someone (hopefully you) asked to receive ${page.name} status updates at this address.\nConfirm: ${confirmUrl(confirm)}\nIf this was not you, ignore this email: nothing will be sent.`,
        link: confirmUrl(confirm),
        data: {},
      },
      dedupeKey,
    };
  }
  return {
    channel: "webhook",
    target: sub.target,
    subject: title,
    payload: {
      event: "status.subscription.verify",
      title,
      body: `Someone asked to POST ${page.name} status updates to this URL. Nothing else is sent until the confirmation link is opened (GET). If this was not you, ignore this request.`,
      link: confirmUrl(confirm),
      data: { confirmUrl: confirmUrl(confirm), token: confirm },
    },
    dedupeKey,
  };
}

/**
 * Anonymous subscribe, rate-limited per client IP and per target
 * (OPSGATE_SUBSCRIBE_MAX_PER_IP / _PER_TARGET per hour, 429 beyond).
 * Email and webhook alike start pending and receive ONE confirmation message:
 * the email carries the link, the webhook gets a verification request whose
 * `data.confirmUrl` the receiver must open. Nothing else is sent before that.
 * The answer is "pending" unless the subscription was already confirmed.
 */
export async function subscribeToStatus({ input, ip = "unknown", now = new Date() }: { input: unknown; ip?: string; now?: Date }) {
  const parsed = parseInput(subscribeSchema, input);
  const env = getEnv();
  // Without a mail server the confirmation could never arrive: say so instead of "check your email".
  if (parsed.kind === "email" && !env.SMTP_URL) throw new ValidationError({ target: "Email subscriptions are unavailable: no mail server is configured. Subscribe a webhook or follow the Atom feed." });
  return db.$transaction(async (tx) => {
    await hitRateLimits(
      tx,
      [
        { bucket: "subscribe:ip", key: ip, max: env.OPSGATE_SUBSCRIBE_MAX_PER_IP, windowMs: HOUR },
        { bucket: "subscribe:target", key: sha256(`${parsed.kind}:${parsed.target}`), max: env.OPSGATE_SUBSCRIBE_MAX_PER_TARGET, windowMs: HOUR },
      ],
      now,
    );
    const valid = parsed.componentIds.length
      ? (await tx.component.findMany({ where: { id: { in: parsed.componentIds }, public: true }, select: { id: true } })).map((c) => c.id)
      : [];
    const existing = await tx.statusSubscriber.findUnique({ where: { kind_target: { kind: parsed.kind, target: parsed.target } } });
    if (existing && existing.confirmedAt && !existing.unsubscribedAt) {
      const sub = await tx.statusSubscriber.update({ where: { id: existing.id }, data: { componentIds: valid } });
      await audit(tx, { actor: SYSTEM, action: "status.subscribed", entity: "StatusSubscriber", entityId: sub.id, data: { kind: sub.kind, components: valid.length } });
      return { id: sub.id, kind: sub.kind, state: "active" as const };
    }
    const confirm = token();
    const data = { componentIds: valid, confirmTokenHash: sha256(confirm), confirmedAt: null, unsubscribedAt: null };
    const sub = existing
      ? await tx.statusSubscriber.update({ where: { id: existing.id }, data })
      : await tx.statusSubscriber.create({ data: { ...data, kind: parsed.kind, target: parsed.target, unsubscribeToken: token() } });
    await enqueue(tx, [confirmationMessage(sub, confirm)], now);
    await audit(tx, { actor: SYSTEM, action: "status.subscriptionRequested", entity: "StatusSubscriber", entityId: sub.id, data: { kind: sub.kind, components: valid.length } });
    return { id: sub.id, kind: sub.kind, state: "pending" as const };
  });
}

/** Confirms a subscription from the link in the confirmation email / webhook verification request. */
export async function confirmSubscription({ token: t, now = new Date() }: { token: string; now?: Date }) {
  if (!t) throw new NotFoundError("subscription");
  return db.$transaction(async (tx) => {
    const sub = await tx.statusSubscriber.findUnique({ where: { confirmTokenHash: sha256(t) } });
    if (!sub) throw new NotFoundError("subscription");
    await tx.statusSubscriber.update({ where: { id: sub.id }, data: { confirmedAt: now, confirmTokenHash: null, unsubscribedAt: null } });
    await audit(tx, { actor: SYSTEM, action: "status.subscriptionConfirmed", entity: "StatusSubscriber", entityId: sub.id, data: { kind: sub.kind } });
    return { id: sub.id, kind: sub.kind };
  });
}

/** One-click unsubscribe (idempotent). */
export async function unsubscribe({ token: t, now = new Date() }: { token: string; now?: Date }) {
  if (!t) throw new NotFoundError("subscription");
  return db.$transaction(async (tx) => {
    const sub = await tx.statusSubscriber.findUnique({ where: { unsubscribeToken: t } });
    if (!sub) throw new NotFoundError("subscription");
    if (!sub.unsubscribedAt) {
      await tx.statusSubscriber.update({ where: { id: sub.id }, data: { unsubscribedAt: now } });
      await audit(tx, { actor: SYSTEM, action: "status.unsubscribed", entity: "StatusSubscriber", entityId: sub.id, data: { kind: sub.kind } });
    }
    return { id: sub.id };
  });
}

export type SubscriberNotice = {
  kind: "incident" | "maintenance" | "component";
  /** the public components concerned; subscribers limited to others are skipped */
  componentIds: string[];
  title: string;
  body: string;
  /** absolute public URL */
  link: string;
  /** unique per published update/notice; each subscriber gets `${dedupeKey}:sub:${id}` */
  dedupeKey: string;
  /** when it was published: only subscribers confirmed by then get it (default: all active ones) */
  publishedAt?: Date;
  /** the body webhook subscribers receive, in Statuspage's webhook format (given their unsubscribe URL) */
  webhook?: (unsubscribe: string) => Record<string, unknown>;
  /** sent to webhook subscribers only (component status changes: email subscribers get incidents and maintenance) */
  webhookOnly?: boolean;
};

type ActiveSubscriber = { id: string; kind: string; target: string; unsubscribeToken: string; confirmedAt: Date | null; componentIds: string[] };

const activeSubscriberSelect = { id: true, kind: true, target: true, unsubscribeToken: true, confirmedAt: true, componentIds: true } as const;
const activeSubscriberWhere = { confirmedAt: { not: null }, unsubscribedAt: null } as const;

/** The outbox messages of one notice for the (already loaded) active subscribers it concerns (pure). */
export function subscriberMessages(subs: ActiveSubscriber[], notice: SubscriberNotice): OutboxInput[] {
  return subs
    .filter(
      (s) =>
        s.confirmedAt !== null &&
        (!notice.webhookOnly || s.kind === "webhook") &&
        (!notice.publishedAt || s.confirmedAt <= notice.publishedAt) &&
        (s.componentIds.length === 0 || s.componentIds.some((id) => notice.componentIds.includes(id))),
    )
    .map((s) => {
      const unsub = unsubscribeUrl(s.unsubscribeToken);
      return {
        channel: s.kind === "email" ? "email" : "webhook",
        target: s.target,
        subject: notice.title,
        payload: {
          event: `status.${notice.kind}`,
          title: notice.title,
          body: `${notice.body}\n\nUnsubscribe: ${unsub}`,
          link: notice.link,
          data: { componentIds: notice.componentIds, unsubscribe: unsub },
          ...(s.kind === "webhook" && notice.webhook ? { raw: notice.webhook(unsub) } : {}),
        },
        dedupeKey: `${notice.dedupeKey}:sub:${s.id}`,
      };
    });
}

/** Enqueues a notice for every active subscriber it concerns, in the caller's transaction. */
export async function notifySubscribers(tx: Tx, notice: SubscriberNotice, now = new Date()) {
  const subs = await tx.statusSubscriber.findMany({ where: activeSubscriberWhere, select: activeSubscriberSelect });
  return enqueue(tx, subscriberMessages(subs, notice), now);
}

/** Background job: notices for updates/windows published since the high-water mark (see module comment). */
export async function runSubscriberNotifier(now: Date = new Date()) {
  const page = pageInfo();
  // The common case, nobody subscribed: no transaction at all (on the embedded database an open
  // transaction holds the whole database, and this job runs every OPSGATE_TICK_MS). Only move the
  // high-water mark, so a first subscriber does not start with a long backlog scan. Nothing is
  // lost: a notice only ever goes to subscribers confirmed before it was published.
  if (!(await db.statusSubscriber.findFirst({ where: activeSubscriberWhere, select: { id: true } }))) {
    await db.$executeRaw`INSERT INTO "JobCursor" ("name", "at", "updatedAt") VALUES (${NOTIFIER_CURSOR}, ${now}, now())
      ON CONFLICT ("name") DO UPDATE SET "at" = GREATEST("JobCursor"."at", EXCLUDED."at"), "updatedAt" = now()`;
    return { updates: 0, windows: 0, cancelled: 0, enqueued: 0 };
  }
  return db.$transaction(
    async (tx) => {
      const cursor = await tx.jobCursor.upsert({ where: { name: NOTIFIER_CURSOR }, create: { name: NOTIFIER_CURSOR, at: now }, update: {} });
      // Row lock: one instance scans at a time; others wait, then find the dedupe keys taken.
      await tx.$executeRaw`SELECT 1 FROM "JobCursor" WHERE "name" = ${NOTIFIER_CURSOR} FOR UPDATE`;
      const from = new Date(Math.min(cursor.at.getTime(), now.getTime()) - NOTIFIER_OVERLAP_MS);
      const updates = await tx.incidentUpdate.findMany({
        where: { public: true, createdAt: { gt: from, lte: now }, incident: onPublicComponent },
        orderBy: { createdAt: "asc" },
        take: 500,
        select: {
          id: true,
          status: true,
          message: true,
          createdAt: true,
          incident: { select: { id: true, title: true, severity: true, components: { where: { component: { public: true } }, select: { componentId: true } } } },
        },
      });
      const windows = await tx.maintenanceWindow.findMany({
        where: { notifiedAt: { gt: from, lte: now }, ...onPublicComponent },
        orderBy: { notifiedAt: "asc" },
        take: 500,
        select: { id: true, title: true, type: true, impact: true, windowStart: true, windowEnd: true, notifiedAt: true, components: { where: { component: { public: true } }, select: { componentId: true } } },
      });
      // Cancellations of windows that were public (notified) are notices too.
      const cancelled = await tx.maintenanceWindow.findMany({
        where: { cancelledAt: { gt: from, lte: now }, notifiedAt: { not: null }, ...onPublicComponent },
        orderBy: { cancelledAt: "asc" },
        take: 500,
        select: { id: true, title: true, cancelReason: true, cancelledAt: true, windowStart: true, windowEnd: true, components: { where: { component: { public: true } }, select: { componentId: true } } },
      });
      // One subscriber read and one insert per run (not per update): the transaction stays short.
      const subs = updates.length || windows.length || cancelled.length ? await tx.statusSubscriber.findMany({ where: activeSubscriberWhere, select: activeSubscriberSelect }) : [];
      const messages: OutboxInput[] = [];
      // What webhook subscribers get: the v2 incident / maintenance as published, and the page indicator now.
      const wantsWebhook = subs.some((x) => x.kind === "webhook");
      const components = wantsWebhook ? await listPublicComponents(tx) : [];
      const byId = new Map(components.map((c) => [c.id, c]));
      const positions = v2Positions(components, page.id);
      const wpage = wantsWebhook ? webhookPage(page.id, overallIndicator(await publicIndicatorInputs(tx, now)).indicator) : null;
      const incidents = new Map<string, PublicIncident | null>();
      for (const u of updates) {
        const status = INCIDENT_STATUS_V2[u.status as IncidentStatusValue];
        let webhook: SubscriberNotice["webhook"];
        if (wpage) {
          if (!incidents.has(u.incident.id)) incidents.set(u.incident.id, await getPublicIncident(u.incident.id, tx));
          const inc = incidents.get(u.incident.id);
          if (inc) {
            const v2 = toV2Incident(incidentAsOf(inc, u), page, byId, positions);
            webhook = (unsubscribe) => incidentWebhook({ unsubscribe, page: wpage, incident: v2 });
          }
        }
        messages.push(
          ...subscriberMessages(subs, {
            kind: "incident",
            componentIds: u.incident.components.map((c) => c.componentId),
            title: `[${SEVERITY_IMPACT[u.incident.severity as SeverityValue]}] ${u.incident.title} — ${status}`,
            body: u.message,
            link: `${page.url}/incidents/${u.incident.id}`,
            dedupeKey: `status-update:${u.id}`,
            publishedAt: u.createdAt,
            webhook,
          }),
        );
      }
      for (const w of windows) {
        let webhook: SubscriberNotice["webhook"];
        const m = wpage ? await getPublicMaintenance(w.id, tx) : null;
        if (wpage && m) {
          const v2 = toV2Maintenance(m, page, byId, now, positions);
          webhook = (unsubscribe) => incidentWebhook({ unsubscribe, page: wpage, incident: v2 });
        }
        const when = `${w.windowStart.toISOString().slice(0, 16).replace("T", " ")} – ${w.windowEnd.toISOString().slice(0, 16).replace("T", " ")} UTC`;
        messages.push(
          ...subscriberMessages(subs, {
            kind: "maintenance",
            componentIds: w.components.map((c) => c.componentId),
            title: `Maintenance: ${w.title} (${when})`,
            body: `${w.type}: ${w.impact}\nWindow: ${when}`,
            link: `${page.url}#maintenance-${w.id}`,
            dedupeKey: `status-maint:${w.id}:${w.notifiedAt?.getTime() ?? 0}`,
            publishedAt: w.notifiedAt ?? undefined,
            webhook,
          }),
        );
      }
      for (const w of cancelled) {
        let webhook: SubscriberNotice["webhook"];
        const m = wpage ? await getPublicMaintenance(w.id, tx) : null;
        if (wpage && m) {
          const v2 = toV2Maintenance(m, page, byId, now, positions);
          webhook = (unsubscribe) => incidentWebhook({ unsubscribe, page: wpage, incident: v2 });
        }
        const when = `${w.windowStart.toISOString().slice(0, 16).replace("T", " ")} – ${w.windowEnd.toISOString().slice(0, 16).replace("T", " ")} UTC`;
        messages.push(
          ...subscriberMessages(subs, {
            kind: "maintenance",
            componentIds: w.components.map((c) => c.componentId),
            title: `Maintenance cancelled: ${w.title} (${when})`,
            body: `This scheduled maintenance has been cancelled.${w.cancelReason ? `\nReason: ${w.cancelReason}` : ""}`,
            link: `${page.url}#maintenance-${w.id}`,
            dedupeKey: `status-maint-cancel:${w.id}`,
            publishedAt: w.cancelledAt ?? undefined,
            webhook,
          }),
        );
      }
      const enqueued = await enqueue(tx, messages, now);
      const last = Math.max(
        cursor.at.getTime(),
        ...updates.map((u) => u.createdAt.getTime()),
        ...windows.map((w) => w.notifiedAt?.getTime() ?? 0),
        ...cancelled.map((w) => w.cancelledAt?.getTime() ?? 0),
      );
      // Full batches: advance only to the last row seen so the rest comes next run; otherwise to now.
      const next = updates.length === 500 || windows.length === 500 || cancelled.length === 500 ? last : Math.max(last, now.getTime());
      await tx.jobCursor.update({ where: { name: NOTIFIER_CURSOR }, data: { at: new Date(next) } });
      return { updates: updates.length, windows: windows.length, cancelled: cancelled.length, enqueued };
    },
    { timeout: 30_000 },
  );
}

/** The incident as it stood when update `u` was published: its updates up to `u`, `u`'s status (pure). */
export function incidentAsOf(i: PublicIncident, u: { id: string; createdAt: Date }): PublicIncident {
  const updates: PublicUpdate[] = i.updates.filter((x) => x.createdAt.getTime() <= u.createdAt.getTime());
  const status = updates.find((x) => x.id === u.id)?.status ?? updates[0]?.status ?? i.status;
  return { ...i, status, updates, updatedAt: u.createdAt, resolvedAt: status === "Resolved" ? (i.resolvedAt ?? u.createdAt) : null };
}

/**
 * Component status changes to webhook subscribers, in Statuspage's
 * `component_update` format, in the caller's transaction (called by
 * refreshComponentStatuses for every change it makes). Public components
 * only; a subscriber limited to other components is skipped; the dedupe key
 * per change and subscriber makes a repeated call a no-op.
 */
export async function notifyComponentChanges(tx: Tx, changes: { id: string; from: ComponentStatusValue; to: ComponentStatusValue }[], now: Date) {
  if (!changes.length) return 0;
  const subs = await tx.statusSubscriber.findMany({ where: { ...activeSubscriberWhere, kind: "webhook" }, select: activeSubscriberSelect });
  if (!subs.length) return 0;
  const rows = await tx.component.findMany({ where: { id: { in: changes.map((c) => c.id) }, public: true }, select: { id: true, name: true, createdAt: true } });
  if (!rows.length) return 0;
  const page = pageInfo();
  const wpage = webhookPage(page.id, overallIndicator(await publicIndicatorInputs(tx, now)).indicator);
  const messages: OutboxInput[] = [];
  for (const row of rows) {
    const c = changes.find((x) => x.id === row.id);
    if (!c) continue;
    const change: ComponentChange = { id: row.id, name: row.name, createdAt: row.createdAt, from: c.from, to: c.to, at: now };
    messages.push(
      ...subscriberMessages(subs, {
        kind: "component",
        componentIds: [row.id],
        title: `${row.name}: ${c.from} → ${c.to}`,
        body: `${row.name} is now ${c.to} (was ${c.from}).`,
        link: page.url,
        dedupeKey: `status-component:${componentUpdateId(change)}`,
        publishedAt: now,
        webhookOnly: true,
        webhook: (unsubscribe) => componentWebhook({ unsubscribe, page: wpage, change }),
      }),
    );
  }
  return enqueue(tx, messages, now);
}
