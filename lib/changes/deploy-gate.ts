import { freezeActiveAt, overlappingFreezes, type FreezePeriod } from "@/lib/changes/freeze-periods";
import { STATUS_LABEL, type ChangeStatusKey } from "@/lib/changes/state-machine";

/**
 * `GET /changes/{id}/deploy-gate` as a pure decision (issue 18): may a
 * pipeline deploy this change at `now`? Allowed only if the change is
 * Approved/Scheduled/In progress, `now` is inside its window [start, end),
 * no freeze applies at `now` (Emergency: unless overridden when it was
 * approved/started) and no P1/P2 freeze (open major incident on the
 * component) is open.
 */
export type GateChange = {
  number: number;
  status: ChangeStatusKey;
  kind: "Standard" | "Normal" | "Emergency";
  plannedStart: Date | null;
  plannedEnd: Date | null;
  componentGroup: string | null;
  /** Emergency: freezes were overridden with a reason at approve/start. */
  freezeOverridden?: boolean;
};
export type GateIncident = { number: number; severity: string; title: string };

export type DeployGate = {
  allowed: boolean;
  reasons: string[];
  change: { number: number; status: string };
  window: { start: string | null; end: string | null };
};

const DEPLOYABLE: readonly ChangeStatusKey[] = ["Approved", "Scheduled", "InProgress"];

export function deployGate(change: GateChange, freezes: FreezePeriod[], openIncidents: GateIncident[], now: Date): DeployGate {
  const reasons: string[] = [];
  if (!DEPLOYABLE.includes(change.status)) reasons.push(`The change is ${STATUS_LABEL[change.status]}; a deploy needs it Approved, Scheduled or In progress`);
  const { plannedStart: start, plannedEnd: end } = change;
  if (!start || !end) reasons.push("The change has no planned window");
  else if (now.getTime() < start.getTime()) reasons.push(`The window opens at ${start.toISOString()}`);
  else if (now.getTime() >= end.getTime()) reasons.push(`The window closed at ${end.toISOString()}`);
  const active = overlappingFreezes(freezes, { start: now, end: new Date(now.getTime() + 1) }, change.componentGroup).filter((f) => freezeActiveAt(f, now));
  if (active.length && !(change.kind === "Emergency" && change.freezeOverridden))
    for (const f of active) reasons.push(`Freeze ${f.name} is in force until ${f.end.toISOString()}: ${f.reason}`);
  const major = openIncidents.filter((i) => i.severity === "P1" || i.severity === "P2").sort((a, b) => a.number - b.number);
  if (major.length && !(change.kind === "Emergency" && change.freezeOverridden))
    reasons.push(`Change freeze: ${major.map((i) => `INC-${i.number} (${i.severity}: ${i.title})`).join(", ")} is open on this component`);
  return {
    allowed: reasons.length === 0,
    reasons,
    change: { number: change.number, status: STATUS_LABEL[change.status] },
    window: { start: start?.toISOString() ?? null, end: end?.toISOString() ?? null },
  };
}

export const DEPLOY_EVENTS = ["started", "succeeded", "failed"] as const;
export type DeployEvent = (typeof DEPLOY_EVENTS)[number];

/** The lifecycle event a pipeline event asks for (started → start, succeeded → complete, failed → fail). */
export const CHANGE_EVENT_FOR_DEPLOY = { started: "start", succeeded: "complete", failed: "fail" } as const satisfies Record<DeployEvent, string>;
