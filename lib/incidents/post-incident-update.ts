import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { notify } from "@/lib/jobs/outbox";
import { refreshComponentStatuses } from "@/lib/status/refresh";
import { parseInput } from "@/lib/validation";
import { assertVerdict, assertVersion, bumpVersion, incidentLabel, incidentLink, loadIncident, stakeholders, TX_OPTIONS } from "./load";
import { postIncidentUpdateSchema } from "./schemas";
import { checkUpdateTransition } from "./state-machine";

/**
 * Posts an update: any change of status, severity, impact, current action,
 * ETA or component status plus a message becomes one timeline entry (public
 * or internal). Status moves are checked by the state machine; Resolved is
 * only reachable through resolveIncident.
 */
export async function postIncidentUpdate({ actor, id, input, now = new Date() }: { actor: Actor; id: string; input: unknown; now?: Date }) {
  assertCan(actor, "incidents.update");
  const data = parseInput(postIncidentUpdateSchema, input);
  const incident = await loadIncident(db, id);
  assertVersion(incident, data.version);
  assertVerdict(checkUpdateTransition(incident.status, data.status));

  const componentIds = incident.components.map((c) => c.componentId);
  const status = data.status ?? incident.status;
  const changed = {
    ...(data.status && data.status !== incident.status ? { status: data.status } : {}),
    ...(data.severity && data.severity !== incident.severity ? { severity: data.severity } : {}),
    ...(data.impact !== undefined ? { impact: data.impact } : {}),
    ...(data.currentAction !== undefined ? { currentAction: data.currentAction } : {}),
    ...(data.eta !== undefined ? { eta: data.eta } : {}),
  };

  return db.$transaction(async (tx) => {
    await bumpVersion(tx, incident, { ...changed, lastUpdateAt: now });
    const update = await tx.incidentUpdate.create({
      data: {
        incidentId: incident.id,
        authorId: actor.id,
        status,
        impact: data.impact ?? null,
        currentAction: data.currentAction ?? null,
        eta: data.eta ?? null,
        componentStatus: data.componentStatus ?? null,
        message: data.message,
        public: data.public,
        createdAt: now,
      },
      select: { id: true, status: true, public: true, createdAt: true },
    });
    await refreshComponentStatuses(tx, now, componentIds);
    await audit(tx, {
      actor,
      action: "incident.updated",
      entity: "Incident",
      entityId: incident.id,
      at: now,
      data: { updateId: update.id, from: incident.status, ...changed, componentStatus: data.componentStatus ?? null, public: data.public },
    });
    const headline = changed.status ? `${incident.status} → ${changed.status}` : "update";
    await notify(
      tx,
      stakeholders(incident, actor),
      {
        title: `${incidentLabel(incident)}: ${headline}`,
        body: `${actor.name}: ${data.message}`,
        link: incidentLink(incident.id),
        event: "incident.updated",
        data: { incidentId: incident.id, status, public: data.public, ...changed },
        dedupeKey: `incident.updated:${update.id}`,
      },
      now,
    );
    return { id: incident.id, version: incident.version + 1, status, update };
  }, TX_OPTIONS);
}
