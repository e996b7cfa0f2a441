import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { notify } from "@/lib/jobs/outbox";
import { refreshComponentStatuses } from "@/lib/status/refresh";
import { parseInput } from "@/lib/validation";
import { assertVerdict, assertVersion, bumpVersion, incidentLabel, incidentLink, loadIncident, stakeholders, TX_OPTIONS } from "./load";
import { reopenIncidentSchema } from "./schemas";
import { checkReopen } from "./state-machine";

/** Reopens a resolved incident (commander or ARCHITECT only): back to Investigating, with the reason on the timeline. */
export async function reopenIncident({ actor, id, input, now = new Date() }: { actor: Actor; id: string; input: unknown; now?: Date }) {
  assertCan(actor, "incidents.reopen");
  const data = parseInput(reopenIncidentSchema, input);
  const incident = await loadIncident(db, id);
  assertVerdict(checkReopen(incident, actor));
  assertVersion(incident, data.version);
  const componentIds = incident.components.map((c) => c.componentId);

  return db.$transaction(async (tx) => {
    await bumpVersion(tx, incident, { status: "Investigating", resolvedAt: null, resolution: null, lastUpdateAt: now });
    const update = await tx.incidentUpdate.create({
      data: { incidentId: incident.id, authorId: actor.id, status: "Investigating", message: `Reopened: ${data.reason}`, public: data.public, createdAt: now },
      select: { id: true },
    });
    await refreshComponentStatuses(tx, now, componentIds);
    await audit(tx, { actor, action: "incident.reopened", entity: "Incident", entityId: incident.id, at: now, data: { updateId: update.id, reason: data.reason, previousResolvedAt: incident.resolvedAt } });
    await notify(
      tx,
      stakeholders(incident, actor),
      {
        title: `${incidentLabel(incident)} reopened`,
        body: `${actor.name} reopened the incident: ${data.reason}`,
        link: incidentLink(incident.id),
        event: "incident.reopened",
        data: { incidentId: incident.id },
        dedupeKey: `incident.reopened:${update.id}`,
      },
      now,
    );
    return { id: incident.id, status: "Investigating" as const, version: incident.version + 1 };
  }, TX_OPTIONS);
}
