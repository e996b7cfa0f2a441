import { can } from "@/lib/auth/permissions";
import { checkReopen, isOpen, type IncidentStatusValue, type ReopenActor } from "@/lib/incidents/state-machine";

export type PolicyIncident = { status: IncidentStatusValue; commanderId: string | null };

/** What an actor may do with one incident, and why not where the page explains it. */
export type IncidentPolicy = {
  update: boolean;
  acknowledge: boolean;
  resolve: boolean;
  reopen: boolean;
  /** why a resolved incident offers this actor no Reopen (null when it does, or the incident is open) */
  reopenRefusal: string | null;
};

/**
 * The one record-level policy for incidents: the detail page and the API
 * DTO's `can` read it; the commands check the same rules (`state-machine.ts`). Pure.
 */
export function incidentPolicy(actor: ReopenActor, incident: PolicyIncident): IncidentPolicy {
  const open = isOpen(incident.status);
  const reopenVerdict = can(actor.role, "incidents.reopen") ? checkReopen(incident, actor) : { ok: false as const, reason: `Your role (${actor.role}) may not reopen incidents` };
  return {
    update: open && can(actor.role, "incidents.update"),
    acknowledge: can(actor.role, "incidents.acknowledge"),
    resolve: open && can(actor.role, "incidents.resolve"),
    reopen: !open && reopenVerdict.ok,
    reopenRefusal: open || reopenVerdict.ok ? null : reopenVerdict.reason,
  };
}
