import { can, type Role } from "@/lib/auth/permissions";

/**
 * The incident status flow (SPEC.md §3): Investigating → Identified → Fixing → Resolved.
 * Before Resolved any open status may follow any other (forward moves, and
 * moving back when a diagnosis was wrong). Resolved is reached only through
 * "Document & Close" with a resolution note, and left only by an explicit
 * reopen by the commander or an ARCHITECT. Pure: no I/O.
 */
export const INCIDENT_STATUSES = ["Investigating", "Identified", "Fixing", "Resolved"] as const;
export type IncidentStatusValue = (typeof INCIDENT_STATUSES)[number];
export const OPEN_STATUSES = ["Investigating", "Identified", "Fixing"] as const;
export type OpenStatusValue = (typeof OPEN_STATUSES)[number];

export const SEVERITIES = ["P1", "P2", "P3", "P4"] as const;
export type SeverityLevel = (typeof SEVERITIES)[number];

export type Verdict = { ok: true } | { ok: false; reason: string; field: string };

const refuse = (field: string, reason: string): Verdict => ({ ok: false, field, reason });
const OK: Verdict = { ok: true };

export function isOpen(status: IncidentStatusValue): boolean {
  return status !== "Resolved";
}

/** Whether `from → to` may happen through an ordinary update. `to === from` is no transition and always allowed while open. */
export function checkUpdateTransition(from: IncidentStatusValue, to: IncidentStatusValue | undefined): Verdict {
  if (from === "Resolved") return refuse("status", "This incident is resolved; reopen it before posting updates");
  if (to === undefined || to === from) return OK;
  if (to === "Resolved") return refuse("status", "Resolve with a resolution note (Document & Close), not with an update");
  return OK;
}

/** "Document & Close": only an open incident, only with a non-empty resolution note. */
export function checkResolve(from: IncidentStatusValue, resolution: string | null | undefined): Verdict {
  if (from === "Resolved") return refuse("status", "This incident is already resolved");
  if (!resolution || !resolution.trim()) return refuse("resolution", "A resolution note is required to close an incident");
  return OK;
}

export type ReopenActor = { id: string; role: Role };

/** Reopening is explicit, and only the commander or an ARCHITECT may do it. */
export function checkReopen(incident: { status: IncidentStatusValue; commanderId: string | null }, actor: ReopenActor): Verdict | { ok: false; reason: string; field: string; forbidden: true } {
  if (!can(actor.role, "incidents.reopen_any") && actor.id !== incident.commanderId) {
    return { ok: false, field: "actor", reason: "Only the incident commander or an ARCHITECT may reopen an incident", forbidden: true };
  }
  if (incident.status !== "Resolved") return refuse("status", "Only a resolved incident can be reopened");
  return OK;
}

/** Acknowledging is possible while the incident is open; a second acknowledgement is a no-op, not an error. */
export function checkAcknowledge(incident: { status: IncidentStatusValue; acknowledgedAt: Date | null }): Verdict & { already?: boolean } {
  if (incident.status === "Resolved") return refuse("status", "This incident is already resolved");
  if (incident.acknowledgedAt) return { ok: true, already: true };
  return OK;
}

/** The statuses an update form may offer for an incident in `from` (everything open; nothing once resolved). */
export function nextStatuses(from: IncidentStatusValue): OpenStatusValue[] {
  return from === "Resolved" ? [] : [...OPEN_STATUSES];
}
