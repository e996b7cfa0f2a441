import "server-only";
import { randomUUID } from "node:crypto";
import { alertsActor } from "@/lib/auth/system-actor";
import { db } from "@/lib/db/client";
import { GateBlockedError } from "@/lib/errors";
import { acknowledgeIncident } from "@/lib/incidents/acknowledge-incident";
import { authenticateIngest, parsePayload, readAlertBody } from "./http";
import { ingestAlerts } from "./ingest-alerts";
import { alertmanagerSchema, genericSchema, grafanaSchema, heartbeatDelivery, mapAlertmanager, mapGeneric, mapGrafana, mapPagerDuty, pagerdutySchema } from "./payloads";

/** The ingest verbs behind /api/alerts/* (one per source). Each authenticates by key, parses, applies. */
export async function receiveAlertmanager(req: Request, key: string | null, now = new Date()) {
  const integration = await authenticateIngest(key, "alertmanager", now);
  const body = parsePayload(alertmanagerSchema, await readAlertBody(req));
  return ingestAlerts({ integration, delivery: mapAlertmanager(body), now });
}

export async function receiveGrafana(req: Request, key: string | null, now = new Date()) {
  const integration = await authenticateIngest(key, "grafana", now);
  const body = parsePayload(grafanaSchema, await readAlertBody(req));
  return ingestAlerts({ integration, delivery: mapGrafana(body), now });
}

export async function receiveGeneric(req: Request, key: string | null, now = new Date()) {
  const integration = await authenticateIngest(key, "generic", now);
  const body = parsePayload(genericSchema, await readAlertBody(req));
  return ingestAlerts({ integration, delivery: mapGeneric(body, now), now });
}

/** PagerDuty Events v2: the key is in the body, so the body is read (size-limited) before the key is checked. */
export async function receivePagerDuty(req: Request, now = new Date()) {
  const raw = await readAlertBody(req);
  const routingKey = typeof raw === "object" && raw && "routing_key" in raw && typeof raw.routing_key === "string" ? raw.routing_key : null;
  const integration = await authenticateIngest(routingKey, "pagerduty", now);
  const body = parsePayload(pagerdutySchema, raw);
  const { dedupKey, delivery } = mapPagerDuty(body, now, () => randomUUID().replace(/-/g, ""));
  if (!delivery) return { dedupKey, result: null, acknowledged: await acknowledgeByDedupKey(integration.id, dedupKey, now) };
  return { dedupKey, result: await ingestAlerts({ integration, delivery, now }), acknowledged: null };
}

/**
 * PagerDuty `acknowledge`: acknowledges the open incident of this dedup_key as
 * the alerts system actor, through the same command a person uses (audited,
 * escalation stops, idempotent: a repeat reports the first acknowledgement).
 * No open incident of that key (never triggered, already resolved, or resolved
 * meanwhile): nothing to do, as PagerDuty also accepts such an event.
 */
async function acknowledgeByDedupKey(integrationId: string, dedupKey: string, now: Date) {
  const open = await db.incident.findFirst({ where: { integrationId, alertGroupKey: dedupKey, resolvedAt: null }, orderBy: { declaredAt: "desc" }, select: { id: true } });
  if (!open) return null;
  try {
    return await acknowledgeIncident({ actor: await alertsActor(), id: open.id, now });
  } catch (error) {
    if (error instanceof GateBlockedError) return null; // resolved between the lookup and the acknowledgement
    throw error;
  }
}

/**
 * A heartbeat ping: records the time and, if a "Heartbeat missed" incident
 * is open, resolves its alert (recovery entry, or auto-resolve).
 */
export async function receiveHeartbeat(key: string | null, now = new Date()) {
  const integration = await authenticateIngest(key, "heartbeat", now);
  const [, open] = await Promise.all([
    db.integration.update({ where: { id: integration.id }, data: { lastPingAt: now } }),
    db.incident.findFirst({ where: { integrationId: integration.id, resolvedAt: null }, select: { id: true, alertStartedAt: true } }),
  ]);
  if (!open) return { ok: true, recovered: false };
  await ingestAlerts({ integration, delivery: heartbeatDelivery(integration.name, "resolved", open.alertStartedAt ?? now, now), now });
  return { ok: true, recovered: true };
}
