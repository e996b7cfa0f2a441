import "server-only";
/**
 * Who triggers subscriber notices: `sendSubscriberNotices(now)` (the background job in
 * lib/jobs/status-subscribers-job.ts) scans for PUBLISHED incident updates (public = true) and
 * maintenance windows whose notification was sent since a stored high-water
 * mark (JobCursor "status-subscribers", re-scanning a 2-minute overlap so a
 * late-committing transaction is not missed) and enqueues one message per
 * subscriber with a dedupe key per update/window and subscriber: running it
 * twice, or on several instances, never sends twice.
 */
import { db } from "@/lib/db/client";
import { enqueue, type OutboxInput } from "@/lib/jobs/outbox";
import type { SeverityValue } from "@/lib/status/derive-status";
import type { IncidentStatusValue, PublicIncident, PublicUpdate } from "@/lib/status/public-types";
import { getPublicIncident, getPublicMaintenance, listPublicComponents, onPublicComponent, pageInfo, publicIndicatorInputs } from "@/lib/status/queries";
import { INCIDENT_STATUS_V2, overallIndicator, SEVERITY_IMPACT, toV2Incident, toV2Maintenance, v2Positions } from "@/lib/status/statuspage-v2";
import { incidentWebhook, webhookPage } from "@/lib/status/statuspage-webhook";
import { activeSubscriberSelect, activeSubscriberWhere, subscriberMessages, type SubscriberNotice } from "./messages";

export const NOTIFIER_CURSOR = "status-subscribers";
export const NOTIFIER_OVERLAP_MS = 120_000;

/** Background job: notices for updates/windows published since the high-water mark (see module comment). */
export async function sendSubscriberNotices(now: Date = new Date()) {
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
