import "server-only";
import { audit, type AuditEntry } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { alertsActor } from "@/lib/auth/system-actor";
import { db, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { defaultCommanderId, insertDeclaredIncident } from "@/lib/incidents/declare-incident";
import { incidentLabel, incidentLink, loadIncident, TX_OPTIONS } from "@/lib/incidents/load";
import { applyResolve } from "@/lib/incidents/resolve-incident";
import { declareIncidentSchema } from "@/lib/incidents/schemas";
import { notify } from "@/lib/jobs/outbox";
import { parseInput } from "@/lib/validation";
import type { IngestIntegration } from "./integrations";
import type { NormalizedAlert, NormalizedDelivery } from "./payloads";
import { componentsForAlert, incidentFromAlerts, resolutionNote, suppressingWindow, type ActiveWindow, type LabelMatcher, type MatchableComponent } from "./rules";
import { countAlertDelivery } from "@/lib/metrics/instruments";

export type IngestResult = { incidentId: string | null; opened: boolean; newAlerts: number; resolvedAlerts: number; suppressed: number; resolvedIncident: boolean; cleared: boolean };

const json = (v: Record<string, string>) => v as Prisma.InputJsonObject;

/**
 * Components (with their label matchers) and the maintenance windows active
 * at `now`: two raw reads (no ORM query planning: they run for every delivery).
 */
async function loadContext(now: Date) {
  const at = now.toISOString();
  const [components, windows] = await Promise.all([
    db.$queryRaw<{ id: string; name: string; alertMatchers: unknown }[]>`SELECT id, name, "alertMatchers" FROM "Component"`,
    db.$queryRaw<{ id: string; number: number; windowStart: Date; windowEnd: Date; componentIds: string[] | null }[]>`
      SELECT w.id, w.number, w."windowStart", w."windowEnd", array_remove(array_agg(mc."componentId"), NULL) AS "componentIds"
        FROM "MaintenanceWindow" w LEFT JOIN "MaintenanceComponent" mc ON mc."windowId" = w.id
       WHERE w."windowStart" <= ${at}::timestamp(3) AND w."windowEnd" > ${at}::timestamp(3) AND w."cancelledAt" IS NULL
       GROUP BY w.id`,
  ]);
  return {
    components: components.map((c): MatchableComponent => ({ id: c.id, name: c.name, alertMatchers: Array.isArray(c.alertMatchers) ? (c.alertMatchers as LabelMatcher[]) : [] })),
    windows: windows.map((w): ActiveWindow => ({ id: w.id, number: Number(w.number), windowStart: new Date(w.windowStart), windowEnd: new Date(w.windowEnd), componentIds: w.componentIds ?? [] })),
  };
}

/**
 * Applies one delivery of alerts (one group) — SPEC.md §7:
 *  - one incident per open (integration, groupKey); one alert row per
 *    fingerprint within it. A transaction-scoped advisory lock on the group
 *    serialises concurrent deliveries of the same group, and the alert rows'
 *    unique key (integration, fingerprint, episode) backs it up, so retries
 *    and duplicates create nothing;
 *  - the first firing alerts of a group open the incident through the same
 *    declaration a person uses (level 1 paged in this transaction); later
 *    ones add an internal timeline entry;
 *  - an alert whose components are all under an active maintenance window is
 *    recorded against the window and pages nobody;
 *  - when the last firing alert resolves: auto-resolve with a generated note,
 *    or an "alerts cleared" entry and a reminder to the commander.
 */
export async function ingestAlerts({ integration, delivery, now = new Date() }: { integration: IngestIntegration; delivery: NormalizedDelivery; now?: Date }): Promise<IngestResult> {
  const actor = await alertsActor();
  assertCan(actor, "incidents.declare");
  const ctx = await loadContext(now);
  const classified = delivery.alerts.map((alert) => {
    const componentIds = componentsForAlert(alert.labels, ctx.components, integration.defaultComponentIds);
    return { alert, componentIds, window: suppressingWindow(componentIds, ctx.windows, now) };
  });
  // Counted once it has committed (or failed), the repeat fast path as a "duplicate".
  return countAlertDelivery(
    integration.kind,
    (async () => (await alreadyRecorded(integration.id, delivery, classified)) ?? db.$transaction((tx) => applyDelivery(tx, { actor, integration, delivery, classified, now }), TX_OPTIONS))(),
  );
}

/**
 * The cheap answer to a repeated delivery (webhook retries, Alertmanager's
 * repeat_interval, the same payload twice): one indexed read, no transaction,
 * no lock. When every alert of the delivery is already recorded with the same
 * status — in the open incident of its group, or against the maintenance
 * window that suppresses it now — the delivery changes nothing, exactly as
 * the locked path would conclude (it read committed state; a concurrent
 * delivery that changes it is applied by its own transaction). Anything else
 * (a new alert, a status change, a resolved incident) takes the locked path.
 */
export async function alreadyRecorded(integrationId: string, delivery: NormalizedDelivery, classified: Classified[]): Promise<IngestResult | null> {
  if (!classified.length) return null;
  const fingerprints = [...new Set(classified.map((c) => c.alert.fingerprint))];
  const rows = await db.$queryRaw<{ fingerprint: string; status: string; episode: string; groupKey: string; incidentId: string | null; open: boolean | null }[]>`
    SELECT a.fingerprint, a.status::text AS status, a.episode, a."groupKey", a."incidentId", (i."resolvedAt" IS NULL) AS open
      FROM "Alert" a LEFT JOIN "Incident" i ON i.id = a."incidentId"
     WHERE a."integrationId" = ${integrationId} AND a.fingerprint = ANY(${fingerprints}::text[])`;
  let incidentId: string | null = null;
  for (const { alert, window } of classified) {
    const match = rows.find((r) =>
      r.fingerprint === alert.fingerprint &&
      r.status === alert.status &&
      (window ? r.episode === `mw:${window.id}` : r.groupKey === delivery.groupKey && !!r.incidentId && r.open === true),
    );
    if (!match) return null;
    incidentId ??= match.incidentId;
  }
  return { incidentId, opened: false, newAlerts: 0, resolvedAlerts: 0, suppressed: 0, resolvedIncident: false, cleared: false };
}

type Classified = { alert: NormalizedAlert; componentIds: string[]; window: ActiveWindow | null };
type OpenIncident = { id: string; number: number; title: string; severity: string; status: "Investigating" | "Identified" | "Fixing" | "Resolved"; commanderId: string | null };

async function applyDelivery(
  tx: Tx,
  { actor, integration, delivery, classified, now }: { actor: Actor; integration: IngestIntegration; delivery: NormalizedDelivery; classified: Classified[]; now: Date },
): Promise<IngestResult> {
  const result: IngestResult = { incidentId: null, opened: false, newAlerts: 0, resolvedAlerts: 0, suppressed: 0, resolvedIncident: false, cleared: false };
  const audits: AuditEntry[] = []; // written last, in finish (see there)
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`alerts:${integration.id}:${delivery.groupKey}`}, 0))`;

  // Suppressed alerts: recorded against their window, no incident, no page.
  for (const { alert, window } of classified) {
    if (!window) continue;
    const episode = `mw:${window.id}`;
    const existing = await tx.alert.findUnique({ where: { integrationId_fingerprint_episode: { integrationId: integration.id, fingerprint: alert.fingerprint, episode } }, select: { id: true, status: true } });
    if (!existing) {
      await tx.alert.createMany({ data: [alertRow(integration.id, delivery, alert, episode, { suppressedByWindowId: window.id }, now)], skipDuplicates: true });
      result.suppressed++;
    } else if (existing.status !== alert.status) {
      await tx.alert.update({ where: { id: existing.id }, data: { status: alert.status, endsAt: alert.endsAt, startsAt: alert.startsAt } });
      result.suppressed++;
    }
  }

  const live = classified.filter((c) => !c.window);
  if (!live.length) return finish(tx, actor, integration, delivery, result, audits, now);

  // the group's open incident and its alerts, in one raw read (runs for every delivery that changes something)
  const openRows = await tx.$queryRaw<{ id: string; number: number; title: string; severity: string; status: OpenIncident["status"]; commanderId: string | null; alertId: string | null; fingerprint: string | null; alertStatus: string | null }[]>`
    SELECT i.id, i.number, i.title, i.severity::text AS severity, i.status::text AS status, i."commanderId", a.id AS "alertId", a.fingerprint, a.status::text AS "alertStatus"
      FROM (SELECT * FROM "Incident" WHERE "integrationId" = ${integration.id} AND "alertGroupKey" = ${delivery.groupKey} AND "resolvedAt" IS NULL ORDER BY "declaredAt" DESC LIMIT 1) i
      LEFT JOIN "Alert" a ON a."incidentId" = i.id`;
  const found: OpenIncident | null = openRows[0] ? { id: openRows[0].id, number: Number(openRows[0].number), title: openRows[0].title, severity: openRows[0].severity, status: openRows[0].status, commanderId: openRows[0].commanderId } : null;
  const existingAlerts = openRows.filter((r) => r.alertId).map((r) => ({ id: r.alertId!, fingerprint: r.fingerprint!, status: r.alertStatus! }));
  const byFingerprint = new Map(existingAlerts.map((a) => [a.fingerprint, a]));

  const newFiring = live.filter((c) => c.alert.status === "firing" && !byFingerprint.has(c.alert.fingerprint));
  const refiring = live.filter((c) => c.alert.status === "firing" && byFingerprint.get(c.alert.fingerprint)?.status === "resolved");
  const resolving = live.filter((c) => c.alert.status === "resolved" && byFingerprint.get(c.alert.fingerprint)?.status === "firing");

  if (!found && newFiring.length) {
    const previous = await tx.incident.findFirst({ where: { integrationId: integration.id, alertGroupKey: delivery.groupKey }, orderBy: { declaredAt: "desc" }, select: { id: true, number: true } });
    const alerts = newFiring.map((c) => c.alert);
    const head = incidentFromAlerts(alerts, integration.name, integration.severityMap);
    const componentIds = [...new Set(newFiring.flatMap((c) => c.componentIds))];
    const detectedAt = head.detectedAt > now ? now : head.detectedAt;
    const data = parseInput(declareIncidentSchema, {
      title: head.title,
      severity: head.severity,
      impact: head.impact,
      componentIds,
      currentAction: "Investigating the alert",
      alertStartedAt: detectedAt.toISOString(),
      message: `Opened by ${integration.name} (${integration.kind}): ${alerts.map((a) => a.summary).slice(0, 10).join("; ")}${previous ? `. The same alert group fired before: #${previous.number}.` : ""}`.slice(0, 4000),
      public: "false",
    });
    // only a declaring delivery looks up who is on call (repeats and joins skip it)
    const commanderId = await defaultCommanderId(integration.createdById, now, tx);
    const declared = await insertDeclaredIncident(tx, {
      actor,
      data,
      componentIds,
      commanderId,
      now,
      origin: { source: integration.kind, integrationId: integration.id, alertGroupKey: delivery.groupKey, previousIncidentId: previous?.id ?? null },
      audits,
    });
    await tx.alert.createMany({ data: alerts.map((a) => alertRow(integration.id, delivery, a, declared.id, { incidentId: declared.id }, now)), skipDuplicates: true });
    result.incidentId = declared.id;
    result.opened = true;
    result.newAlerts = alerts.length;
    return finish(tx, actor, integration, delivery, result, audits, now);
  }
  if (!found) return finish(tx, actor, integration, delivery, result, audits, now); // resolved alerts of no open group: nothing to do
  const incident = found;

  result.incidentId = incident.id;
  const notes: string[] = [];
  if (newFiring.length) {
    const { count } = await tx.alert.createMany({ data: newFiring.map((c) => alertRow(integration.id, delivery, c.alert, incident.id, { incidentId: incident.id }, now)), skipDuplicates: true });
    result.newAlerts = count;
    if (count) notes.push(`${count} more alert${count === 1 ? "" : "s"} joined the group: ${newFiring.map((c) => c.alert.summary).slice(0, 10).join("; ")}`);
  }
  for (const { alert } of refiring) {
    await tx.alert.update({ where: { id: byFingerprint.get(alert.fingerprint)!.id }, data: { status: "firing", startsAt: alert.startsAt, endsAt: null } });
  }
  if (refiring.length) notes.push(`Firing again: ${refiring.map((c) => c.alert.summary).slice(0, 10).join("; ")}`);
  for (const { alert } of resolving) {
    await tx.alert.update({ where: { id: byFingerprint.get(alert.fingerprint)!.id }, data: { status: "resolved", endsAt: alert.endsAt ?? now } });
  }
  result.resolvedAlerts = resolving.length;
  if (resolving.length) notes.push(`Resolved: ${resolving.map((c) => c.alert.summary).slice(0, 10).join("; ")}`);

  const allCleared = resolving.length > 0 && (await tx.alert.count({ where: { incidentId: incident.id, status: "firing" } })) === 0;
  if (allCleared && integration.autoResolve) {
    const alerts = await tx.alert.findMany({ where: { incidentId: incident.id }, orderBy: { startsAt: "asc" }, select: { summary: true, fingerprint: true, startsAt: true, endsAt: true } });
    if (notes.length) await internalUpdate(tx, actor, incident, notes.join("\n"), now);
    await applyResolve(tx, { actor, incident: await loadIncident(tx, incident.id), resolution: resolutionNote(alerts, now), public: false, now, audits });
    result.resolvedIncident = true;
    return finish(tx, actor, integration, delivery, result, audits, now);
  }
  if (allCleared) {
    notes.push("All alerts cleared. The incident stays open until its commander documents and closes it.");
    result.cleared = true;
  }
  if (notes.length) await internalUpdate(tx, actor, incident, notes.join("\n"), now);
  if (allCleared && incident.commanderId)
    await notify(
      tx,
      [incident.commanderId],
      {
        title: `Alerts cleared: ${incidentLabel(incident)}`,
        body: `Every alert of this incident has resolved. Document & Close it when the service is confirmed healthy.`,
        link: incidentLink(incident.id),
        event: "incident.alerts_cleared",
        data: { incidentId: incident.id },
        dedupeKey: `alerts-cleared:${incident.id}:${now.getTime()}`,
      },
      now,
    );
  return finish(tx, actor, integration, delivery, result, audits, now);
}

function alertRow(integrationId: string, delivery: NormalizedDelivery, a: NormalizedAlert, episode: string, link: { incidentId?: string; suppressedByWindowId?: string }, now: Date) {
  return {
    integrationId,
    fingerprint: a.fingerprint,
    groupKey: delivery.groupKey,
    episode,
    status: a.status,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    labels: json(a.labels),
    annotations: json(a.annotations),
    summary: a.summary,
    generatorURL: a.generatorURL,
    externalURL: delivery.externalURL,
    incidentId: link.incidentId ?? null,
    suppressedByWindowId: link.suppressedByWindowId ?? null,
    receivedAt: now,
  };
}

async function internalUpdate(tx: Tx, actor: Actor, incident: { id: string; status: "Investigating" | "Identified" | "Fixing" | "Resolved" }, message: string, now: Date) {
  await tx.incidentUpdate.create({ data: { incidentId: incident.id, authorId: actor.id, status: incident.status, message: message.slice(0, 4000), public: false, createdAt: now } });
}

/**
 * The audit rows of the delivery, written as the transaction's last
 * statements: the declaration's and paging's rows (collected on the way) and
 * one `alerts.received` row per delivery that changed anything (duplicates
 * change nothing and write nothing). The audit chain serialises writers on
 * one lock held to commit, so taking it last keeps that window to these
 * inserts instead of the whole declaration.
 */
async function finish(tx: Tx, actor: Actor, integration: IngestIntegration, delivery: NormalizedDelivery, result: IngestResult, audits: AuditEntry[], now: Date) {
  if (result.newAlerts || result.resolvedAlerts || result.suppressed || result.opened)
    audits.push({ actor, action: "alerts.received", entity: "Integration", entityId: integration.id, at: now, data: { groupKey: delivery.groupKey.slice(0, 500), ...result } });
  for (const entry of audits) await audit(tx, entry);
  return result;
}
