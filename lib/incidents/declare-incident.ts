import "server-only";
import type { z } from "zod";
import { audit, type AuditEntry } from "@/lib/audit";
import { assertCan, can, ONCALL_ROLES } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { notify } from "@/lib/jobs/outbox";
import { whoIsOnCall, whoIsOnCallWith } from "@/lib/oncall/queries";
import { pageDueLevels } from "@/lib/oncall/paging";
import { raiseComponentStatuses } from "@/lib/status/refresh";
import { parseInput } from "@/lib/validation";
import { incidentLabel, incidentLink, TX_OPTIONS } from "./load";
import { declareIncidentSchema } from "./schemas";

type DeclareIncidentData = z.output<typeof declareIncidentSchema>;

/**
 * Declares an incident (SPEC.md §3): Investigating from now, the commander
 * defaults to the SRE on call (else the declarer), the first timeline entry
 * is written, escalation level 1 is paged in the same transaction, and the
 * affected components' status follows the severity at once.
 */
export async function declareIncident({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "incidents.declare");
  const data = parseInput(declareIncidentSchema, input);
  const componentIds = [...new Set(data.componentIds)];

  const components = await db.component.findMany({ where: { id: { in: componentIds } }, select: { id: true, name: true } });
  if (components.length !== componentIds.length) throw new ValidationError({ componentIds: "Unknown component" });

  let commanderId: string;
  if (data.commanderId) {
    const commander = await db.user.findUnique({ where: { id: data.commanderId }, select: { id: true, role: true, active: true } });
    if (!commander?.active || !can(commander.role, "oncall.serve")) throw new ValidationError({ commanderId: "The commander must be an active engineer" });
    commanderId = commander.id;
  } else {
    commanderId = await defaultCommanderId(actor.id, now);
  }
  if (data.alertStartedAt && data.alertStartedAt > now) throw new ValidationError({ alertStartedAt: "The alert cannot start in the future" });

  return db.$transaction((tx) => insertDeclaredIncident(tx, { actor, data, componentIds, commanderId, now }), TX_OPTIONS);
}

/** The commander when none is named: the primary on call, else `fallbackId` (inside a transaction: pass it as `client`). */
export async function defaultCommanderId(fallbackId: string, now: Date, client?: Tx): Promise<string> {
  return (await (client ? whoIsOnCallWith(client, ONCALL_ROLES.primary, now) : whoIsOnCall(ONCALL_ROLES.primary, now)))?.id ?? fallbackId;
}

/** Where an incident came from besides a person: the alert group that opened it (lib/alerts). */
export type IncidentOrigin = { source: string; integrationId: string; alertGroupKey: string; previousIncidentId: string | null };

/**
 * The declaration itself, inside the caller's transaction, shared by a person
 * declaring and an alert opening an incident: the row, the first timeline
 * entry, level 1 paged, component statuses, the commander's notice, and the
 * audit rows last (the audit chain's lock is then held only from the last
 * statements to the commit). With `audits`, the rows are collected there
 * instead and the caller writes them at the end of its own transaction.
 */
export async function insertDeclaredIncident(
  tx: Tx,
  {
    actor,
    data,
    componentIds,
    commanderId,
    now,
    origin,
    audits,
  }: { actor: Actor; data: DeclareIncidentData; componentIds: string[]; commanderId: string; now: Date; origin?: IncidentOrigin; audits?: AuditEntry[] },
) {
  const sink: AuditEntry[] = audits ?? [];
  const incident = await tx.incident.create({
    data: {
      title: data.title,
      severity: data.severity,
      status: "Investigating",
      impact: data.impact,
      currentAction: data.currentAction,
      eta: data.eta ?? null,
      commanderId,
      declaredById: actor.id,
      declaredAt: now,
      alertStartedAt: data.alertStartedAt ?? null,
      lastUpdateAt: now,
      ...(origin ?? {}),
      components: { create: componentIds.map((componentId) => ({ componentId })) },
    },
    select: { id: true, number: true, title: true, severity: true, status: true, version: true },
  });
  await tx.incidentUpdate.create({
    data: {
      incidentId: incident.id,
      authorId: actor.id,
      status: "Investigating",
      impact: data.impact,
      currentAction: data.currentAction,
      eta: data.eta ?? null,
      message: data.message ?? `Incident declared: ${data.title}. We are investigating.`,
      public: data.public,
      createdAt: now,
    },
  });
  const pageAudits: AuditEntry[] = [];
  await pageDueLevels(tx, incident.id, now, { audits: pageAudits });
  // a new incident can only make its components worse: no recomputation over every open incident
  await raiseComponentStatuses(tx, componentIds, data.severity, now);
  sink.push({
    actor,
    action: "incident.declared",
    entity: "Incident",
    entityId: incident.id,
    at: now,
    data: { number: incident.number, title: data.title, severity: data.severity, componentIds, commanderId, eta: data.eta ?? null, public: data.public, ...(origin ? { source: origin.source, integrationId: origin.integrationId, alertGroupKey: origin.alertGroupKey } : {}) },
  }, ...pageAudits);
  await notify(
    tx,
    commanderId === actor.id ? [] : [commanderId],
    {
      title: `Incident declared: ${incidentLabel(incident)}`,
      body: `${actor.name} declared ${incident.severity} "${data.title}" and named you commander. Impact: ${data.impact}`,
      link: incidentLink(incident.id),
      event: "incident.declared",
      data: { incidentId: incident.id, number: incident.number, severity: data.severity, componentIds },
      dedupeKey: `incident.declared:${incident.id}`,
    },
    now,
  );
  if (!audits) for (const entry of sink) await audit(tx, entry);
  return { ...incident, commanderId, componentIds };
}
