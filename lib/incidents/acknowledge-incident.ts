import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db/client";
import { notify } from "@/lib/jobs/outbox";
import { parseInput } from "@/lib/validation";
import { assertVerdict, incidentLabel, incidentLink, loadIncident, stakeholders, TX_OPTIONS, type LoadedIncident } from "./load";
import { acknowledgeIncidentSchema } from "./schemas";
import { checkAcknowledge } from "./state-machine";

export type AcknowledgeResult = { id: string; acknowledgedAt: Date | null; acknowledgedById: string | null; version: number; alreadyAcknowledged: boolean };

/**
 * The acknowledgement write, shared by the button/API and the signed
 * one-click link: the first conditional write wins (idempotent also for
 * concurrent duplicates: the others wait for its row lock, find
 * acknowledgedAt set and report the original acknowledger). Not fenced by
 * version: an update posted meanwhile must not turn it into a 409. Records an
 * internal timeline entry, the audit row and the stakeholder notice.
 */
export async function applyAcknowledgement(tx: Tx, actor: Actor, incident: LoadedIncident, now: Date, via: "dashboard" | "ack_link"): Promise<AcknowledgeResult> {
  const { id } = incident;
  const { count } = await tx.incident.updateMany({
    where: { id, acknowledgedAt: null, status: { not: "Resolved" } },
    data: { acknowledgedAt: now, acknowledgedById: actor.id, version: { increment: 1 } },
  });
  if (count !== 1) {
    const row = await tx.incident.findUniqueOrThrow({ where: { id }, select: { acknowledgedAt: true, acknowledgedById: true, version: true } });
    if (!row.acknowledgedAt) assertVerdict(checkAcknowledge(await loadIncident(tx, id)));
    return { id, acknowledgedAt: row.acknowledgedAt, acknowledgedById: row.acknowledgedById, version: row.version, alreadyAcknowledged: true };
  }
  const { version, status } = await tx.incident.findUniqueOrThrow({ where: { id }, select: { version: true, status: true } });
  // The timeline shows who took it and when (internal: never on the status page).
  await tx.incidentUpdate.create({
    data: { incidentId: id, authorId: actor.id, status, message: `Acknowledged by ${actor.name}${via === "ack_link" ? " (one-click link from the page)" : ""}; escalation stopped.`.slice(0, 500), public: false, createdAt: now },
  });
  await audit(tx, { actor, action: "incident.acknowledged", entity: "Incident", entityId: id, at: now, data: { mttaMs: now.getTime() - incident.declaredAt.getTime(), via } });
  await notify(
    tx,
    stakeholders(incident, actor),
    {
      title: `${incidentLabel(incident)} acknowledged`,
      body: `${actor.name} acknowledged the incident; escalation stopped.`,
      link: incidentLink(id),
      event: "incident.acknowledged",
      data: { incidentId: id, acknowledgedById: actor.id },
      dedupeKey: `incident.acknowledged:${id}`,
    },
    now,
  );
  return { id, acknowledgedAt: now, acknowledgedById: actor.id, version, alreadyAcknowledged: false };
}

/**
 * Acknowledges an open incident, which stops escalation (the engine pages no
 * level whose threshold comes after acknowledgedAt). Any engineer may do it:
 * under stress whoever sees the page first takes it. Recorded once; a second
 * acknowledgement changes nothing and reports who acknowledged first.
 */
export async function acknowledgeIncident({ actor, id, input = {}, now = new Date() }: { actor: Actor; id: string; input?: unknown; now?: Date }) {
  assertCan(actor, "incidents.acknowledge");
  parseInput(acknowledgeIncidentSchema, input ?? {});
  const incident = await loadIncident(db, id);
  const verdict = checkAcknowledge(incident);
  assertVerdict(verdict);
  if (verdict.ok && verdict.already) {
    const row = await db.incident.findUniqueOrThrow({ where: { id }, select: { acknowledgedAt: true, acknowledgedById: true, version: true } });
    return { id, acknowledgedAt: row.acknowledgedAt, acknowledgedById: row.acknowledgedById, version: row.version, alreadyAcknowledged: true };
  }
  return db.$transaction((tx) => applyAcknowledgement(tx, actor, incident, now, "dashboard"), TX_OPTIONS);
}
