import "server-only";
import type { Tx } from "@/lib/db/client";
import { enqueue, type OutboxInput } from "@/lib/jobs/outbox";
import type { ComponentStatusValue } from "@/lib/status/derive-status";
import { pageInfo, publicIndicatorInputs } from "@/lib/status/queries";
import { overallIndicator } from "@/lib/status/statuspage-v2";
import { componentUpdateId, componentWebhook, webhookPage, type ComponentChange } from "@/lib/status/statuspage-webhook";
import { activeSubscriberSelect, activeSubscriberWhere, subscriberMessages } from "./messages";

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
