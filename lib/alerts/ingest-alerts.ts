import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { alertsActor } from "@/lib/auth/system-actor";
import { db, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { defaultCommanderId, insertDeclaredIncident } from "@/lib/incidents/declare-incident";
import { incidentForCommand, incidentLabel, incidentLink, TX_OPTIONS } from "@/lib/incidents/load";
import { applyResolve } from "@/lib/incidents/resolve-incident";
import { declareIncidentSchema } from "@/lib/incidents/schemas";
import { notify } from "@/lib/jobs/outbox";
import { parseInput } from "@/lib/validation";
import type { IngestIntegration } from "./integrations";
import type { NormalizedAlert, NormalizedDelivery } from "./payloads";
import { componentsForAlert, incidentFromAlerts, resolutionNote, suppressingWindow, type ActiveWindow, type LabelMatcher, type MatchableComponent } from "./rules";

export type IngestResult = { incidentId: string | null; opened: boolean; newAlerts: number; resolvedAlerts: number; suppressed: number; resolvedIncident: boolean; cleared: boolean };

const json = (v: Record<string, string>) => v as Prisma.InputJsonObject;

async function loadContext(now: Date) {
  const [components, windows] = await Promise.all([
    db.component.findMany({ select: { id: true, name: true, alertMatchers: true } }),
    db.maintenanceWindow.findMany({
      where: { windowStart: { lte: now }, windowEnd: { gt: now }, cancelledAt: null },
      select: { id: true, number: true, windowStart: true, windowEnd: true, components: { select: { componentId: true } } },
    }),
  ]);
  return {
    components: components.map((c): MatchableComponent => ({ id: c.id, name: c.name, alertMatchers: Array.isArray(c.alertMatchers) ? (c.alertMatchers as LabelMatcher[]) : [] })),
    windows: windows.map((w): ActiveWindow => ({ id: w.id, number: w.number, windowStart: w.windowStart, windowEnd: w.windowEnd, componentIds: w.components.map((c) => c.componentId) })),
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
  return db.$transaction((tx) => applyDelivery(tx, { actor, integration, delivery, classified, now }), TX_OPTIONS);
}

type Classified = { alert: NormalizedAlert; componentIds: string[]; window: ActiveWindow | null };

async function applyDelivery(
  tx: Tx,
  { actor, integration, delivery, classified, now }: { actor: Actor; integration: IngestIntegration; delivery: NormalizedDelivery; classified: Classified[]; now: Date },
): Promise<IngestResult> {
  const result: IngestResult = { incidentId: null, opened: false, newAlerts: 0, resolvedAlerts: 0, suppressed: 0, resolvedIncident: false, cleared: false };
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
  if (!live.length) return finish(tx, actor, integration, delivery, result, now);

  const found = await tx.incident.findFirst({
    where: { integrationId: integration.id, alertGroupKey: delivery.groupKey, resolvedAt: null },
    orderBy: { declaredAt: "desc" },
    select: incidentForCommand,
  });
  const existingAlerts = found
    ? await tx.alert.findMany({ where: { incidentId: found.id }, select: { id: true, fingerprint: true, status: true } })
    : [];
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
    });
    await tx.alert.createMany({ data: alerts.map((a) => alertRow(integration.id, delivery, a, declared.id, { incidentId: declared.id }, now)), skipDuplicates: true });
    result.incidentId = declared.id;
    result.opened = true;
    result.newAlerts = alerts.length;
    return finish(tx, actor, integration, delivery, result, now);
  }
  if (!found) return finish(tx, actor, integration, delivery, result, now); // resolved alerts of no open group: nothing to do
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

  const stillFiring = await tx.alert.count({ where: { incidentId: incident.id, status: "firing" } });
  const allCleared = resolving.length > 0 && stillFiring === 0;
  if (allCleared && integration.autoResolve) {
    const alerts = await tx.alert.findMany({ where: { incidentId: incident.id }, orderBy: { startsAt: "asc" }, select: { summary: true, fingerprint: true, startsAt: true, endsAt: true } });
    if (notes.length) await internalUpdate(tx, actor, incident, notes.join("\n"), now);
    await applyResolve(tx, { actor, incident, resolution: resolutionNote(alerts, now), public: false, now });
    result.resolvedIncident = true;
    return finish(tx, actor, integration, delivery, result, now);
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
  return finish(tx, actor, integration, delivery, result, now);
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

/** One audit row per delivery that changed anything (duplicates change nothing and write nothing). */
async function finish(tx: Tx, actor: Actor, integration: IngestIntegration, delivery: NormalizedDelivery, result: IngestResult, now: Date) {
  if (result.newAlerts || result.resolvedAlerts || result.suppressed || result.opened)
    await audit(tx, { actor, action: "alerts.received", entity: "Integration", entityId: integration.id, at: now, data: { groupKey: delivery.groupKey.slice(0, 500), ...result } });
  return result;
}
