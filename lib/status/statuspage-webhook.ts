/**
 * Subscriber webhooks in Atlassian Statuspage's webhook format (pure), so a
 * receiver written for Statuspage reads OpsGate's unchanged:
 *   { meta: {unsubscribe, documentation}, page: {id, status_indicator, status_description},
 *     incident: <v2 incident or scheduled maintenance, with its updates> }
 * or, for a component status change,
 *   { meta, page, component_update: {created_at, new_status, old_status, id, component_id},
 *     component: {created_at, id, name, status} }.
 * OpsGate's own generic format (lib/notify/format.ts webhookBody) stays the one
 * for Settings webhooks.
 */
import type { ComponentStatusValue } from "@/lib/status/derive-status";
import { INDICATOR_DESCRIPTION, iso, type V2Incident, type V2Indicator, type V2ScheduledMaintenance } from "@/lib/status/statuspage-v2";

/** What the payload's `meta.documentation` points to: the format is Statuspage's, documented there. */
export const STATUSPAGE_WEBHOOK_DOCUMENTATION = "https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/";

export type StatuspageWebhookPage = { id: string; status_indicator: V2Indicator; status_description: string };

export type StatuspageIncidentWebhook = {
  meta: { unsubscribe: string; documentation: string };
  page: StatuspageWebhookPage;
  incident: V2Incident | V2ScheduledMaintenance;
};

export type StatuspageComponentWebhook = {
  meta: { unsubscribe: string; documentation: string };
  page: StatuspageWebhookPage;
  component_update: { created_at: string; new_status: ComponentStatusValue; old_status: ComponentStatusValue; id: string; component_id: string };
  component: { created_at: string; id: string; name: string; status: ComponentStatusValue };
};

export function webhookPage(pageId: string, indicator: V2Indicator): StatuspageWebhookPage {
  return { id: pageId, status_indicator: indicator, status_description: INDICATOR_DESCRIPTION[indicator] };
}

const meta = (unsubscribe: string) => ({ unsubscribe, documentation: STATUSPAGE_WEBHOOK_DOCUMENTATION });

export function incidentWebhook(input: { unsubscribe: string; page: StatuspageWebhookPage; incident: V2Incident | V2ScheduledMaintenance }): StatuspageIncidentWebhook {
  return { meta: meta(input.unsubscribe), page: input.page, incident: input.incident };
}

export type ComponentChange = { id: string; name: string; createdAt: Date; from: ComponentStatusValue; to: ComponentStatusValue; at: Date };

/** The component update's id: stable for one change, so a retried delivery carries the same id. */
export function componentUpdateId(c: Pick<ComponentChange, "id" | "at">): string {
  return `${c.id}-${c.at.getTime().toString(36)}`;
}

export function componentWebhook(input: { unsubscribe: string; page: StatuspageWebhookPage; change: ComponentChange }): StatuspageComponentWebhook {
  const c = input.change;
  return {
    meta: meta(input.unsubscribe),
    page: input.page,
    component_update: { created_at: iso(c.at), new_status: c.to, old_status: c.from, id: componentUpdateId(c), component_id: c.id },
    component: { created_at: iso(c.createdAt), id: c.id, name: c.name, status: c.to },
  };
}
