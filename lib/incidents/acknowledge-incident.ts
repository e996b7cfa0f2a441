import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { notify } from "@/lib/jobs/outbox";
import { parseInput } from "@/lib/validation";
import { assertVerdict, incidentLabel, incidentLink, loadIncident, stakeholders, TX_OPTIONS } from "./load";
import { acknowledgeIncidentSchema } from "./schemas";
import { checkAcknowledge } from "./state-machine";

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

  return db.$transaction(async (tx) => {
    // Idempotent also for concurrent duplicates (issue 11, hole 11): the first conditional write wins; the
    // others wait for its row lock, find acknowledgedAt set, and answer 200 with the original acknowledger.
    // Not fenced by version: an update posted meanwhile must not turn an acknowledgement into a 409.
    const { count } = await tx.incident.updateMany({
      where: { id: incident.id, acknowledgedAt: null, status: { not: "Resolved" } },
      data: { acknowledgedAt: now, acknowledgedById: actor.id, version: { increment: 1 } },
    });
    if (count !== 1) {
      const row = await tx.incident.findUniqueOrThrow({ where: { id }, select: { acknowledgedAt: true, acknowledgedById: true, version: true } });
      if (!row.acknowledgedAt) assertVerdict(checkAcknowledge(await loadIncident(tx, id)));
      return { id, acknowledgedAt: row.acknowledgedAt, acknowledgedById: row.acknowledgedById, version: row.version, alreadyAcknowledged: true };
    }
    const { version } = await tx.incident.findUniqueOrThrow({ where: { id }, select: { version: true } });
    await audit(tx, { actor, action: "incident.acknowledged", entity: "Incident", entityId: incident.id, at: now, data: { mttaMs: now.getTime() - incident.declaredAt.getTime() } });
    await notify(
      tx,
      stakeholders(incident, actor),
      {
        title: `${incidentLabel(incident)} acknowledged`,
        body: `${actor.name} acknowledged the incident; escalation stopped.`,
        link: incidentLink(incident.id),
        event: "incident.acknowledged",
        data: { incidentId: incident.id, acknowledgedById: actor.id },
        dedupeKey: `incident.acknowledged:${incident.id}`,
      },
      now,
    );
    return { id: incident.id, acknowledgedAt: now, acknowledgedById: actor.id, version, alreadyAcknowledged: false };
  }, TX_OPTIONS);
}
