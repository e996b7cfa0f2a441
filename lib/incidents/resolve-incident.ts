import "server-only";
import { audit, type AuditEntry } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db/client";
import { notify } from "@/lib/jobs/outbox";
import { createPostmortemOnResolve } from "@/lib/postmortems/commands";
import { refreshComponentStatuses } from "@/lib/status/refresh";
import { parseInput } from "@/lib/validation";
import { assertVerdict, assertVersion, bumpVersion, incidentLabel, incidentLink, loadIncident, stakeholders, TX_OPTIONS, type LoadedIncident } from "./load";
import { resolveIncidentSchema } from "./schemas";
import { checkResolve } from "./state-machine";

/** "Document & Close": a resolution note is required; components return to their derived status. */
export async function resolveIncident({ actor, id, input, now = new Date() }: { actor: Actor; id: string; input: unknown; now?: Date }) {
  assertCan(actor, "incidents.resolve");
  const data = parseInput(resolveIncidentSchema, input);
  const incident = await loadIncident(db, id);
  assertVersion(incident, data.version);
  assertVerdict(checkResolve(incident.status, data.resolution));
  return db.$transaction((tx) => applyResolve(tx, { actor, incident, resolution: data.resolution, public: data.public, now }), TX_OPTIONS);
}

/** The resolution inside the caller's transaction (a person's Document & Close, or an alert group's auto-resolve). */
export async function applyResolve(
  tx: Tx,
  { actor, incident, now, audits, ...data }: { actor: Actor; incident: LoadedIncident; resolution: string; public: boolean; now: Date; /** collect the audit row here; the caller writes it last */ audits?: AuditEntry[] },
) {
  const componentIds = incident.components.map((c) => c.componentId);
  await bumpVersion(tx, incident, { status: "Resolved", resolvedAt: now, resolution: data.resolution, lastUpdateAt: now });
  const update = await tx.incidentUpdate.create({
    data: { incidentId: incident.id, authorId: actor.id, status: "Resolved", message: data.resolution, public: data.public, createdAt: now },
    select: { id: true },
  });
  const changedComponents = await refreshComponentStatuses(tx, now, componentIds);
  const mttrMs = now.getTime() - incident.declaredAt.getTime();
  const postmortemId = await createPostmortemOnResolve(tx, { incident, now, audits });
  const entry: AuditEntry = { actor, action: "incident.resolved", entity: "Incident", entityId: incident.id, at: now, data: { updateId: update.id, from: incident.status, resolution: data.resolution, mttrMs } };
  if (audits) audits.push(entry);
  else await audit(tx, entry);
  await notify(
    tx,
    stakeholders(incident, actor),
    {
      title: `${incidentLabel(incident)} resolved`,
      body: `${actor.name} resolved the incident: ${data.resolution}`,
      link: incidentLink(incident.id),
      event: "incident.resolved",
      data: { incidentId: incident.id, mttrMs },
      dedupeKey: `incident.resolved:${update.id}`,
    },
    now,
  );
  return { id: incident.id, status: "Resolved" as const, resolvedAt: now, version: incident.version + 1, components: changedComponents, postmortemId };
}
