import type { Role } from "../../lib/auth/permissions";
import type { Actor } from "../../lib/auth/session";
import { approveChange } from "../../lib/changes/approve-change";
import { createChange } from "../../lib/changes/create-change";
import { transitionChange } from "../../lib/changes/transition-change";
import { db } from "../../lib/db/client";
import { createMaintenance } from "../../lib/maintenance/create-maintenance";
import { notifyMaintenance } from "../../lib/maintenance/notify-maintenance";
import { createComponent, createUser, fixtureArchitect, uid } from "../support/factories";

/** Everything the approval gate needs except the window (the template fields, risk, rollback, monitoring). */
export function fullInput(componentId: string, extra: Record<string, unknown> = {}) {
  return {
    type: "Modify",
    componentId,
    description: `Upgrade firmware ${uid()}`,
    justification: "Security fixes",
    timeline: "2026-12-01",
    impact: "Brief connection resets",
    riskLevel: "Medium",
    riskAssessment: "Tested in staging",
    rollbackPlan: "Reinstall the previous image",
    monitoring: "https://grafana.local/d/lb",
    ...extra,
  };
}

/** When linkWindow's notice goes out: a week before its window (the window itself is 2026-12-01 02:00–04:00 UTC). */
const NOTIFIED_AT = new Date("2026-11-20T08:00:00Z");

/** Links a maintenance window to a change through the maintenance commands, notified unless told otherwise. */
export async function linkWindow(changeId: string, componentId: string, createdBy: Actor, notified = true) {
  const window = await createMaintenance({
    actor: createdBy,
    input: {
      title: `Window ${uid()}`,
      windowStart: "2026-12-01T02:00:00Z",
      windowEnd: "2026-12-01T04:00:00Z",
      type: "Upgrade",
      impact: "Failover",
      rollback: "Available",
      contact: "Network on-call",
      componentIds: [componentId],
      changeIds: [changeId],
    },
    now: NOTIFIED_AT,
  });
  if (!notified) return window;
  return (await notifyMaintenance({ actor: createdBy, input: { id: window.id }, now: NOTIFIED_AT })).window;
}

export type World = Awaited<ReturnType<typeof world>>;

/** A component owned by `ownerRole`, a requester, two owners, two architects and one of every other role. */
export async function world(ownerRole: Role = "NETWORK") {
  const component = await createComponent(ownerRole);
  const [requester, owner, owner2, architect, architect2, sre, dba, sysadmin, viewer] = await Promise.all([
    createUser("AUTOMATION"),
    createUser(ownerRole),
    createUser(ownerRole),
    createUser("ARCHITECT"),
    createUser("ARCHITECT"),
    createUser("SRE"),
    createUser("DBA"),
    createUser("SYSADMIN"),
    createUser("VIEWER"),
  ]);
  return { component, requester, owner, owner2, architect, architect2, sre, dba, sysadmin, viewer };
}

/** A Submitted change whose approval gate holds (linked, notified window). */
export async function readyChange(w: World, extra: Record<string, unknown> = {}, requester: Actor = w.requester) {
  const change = await createChange({ actor: requester, input: fullInput(w.component.id, { submit: true, ...extra }) });
  await linkWindow(change.id, w.component.id, requester);
  return change;
}

/** A snapshot of everything a change command may write, to prove a refusal wrote nothing. */
export async function snapshot(changeId: string) {
  const [change, approvals, readiness, audits, outbox] = await Promise.all([
    db.changeRequest.findUniqueOrThrow({ where: { id: changeId } }),
    db.changeApproval.findMany({ where: { changeId }, orderBy: { id: "asc" } }),
    db.readinessCheck.findMany({ where: { changeId }, orderBy: { id: "asc" } }),
    db.auditLog.count({ where: { entity: "ChangeRequest", entityId: changeId } }),
    db.outboxMessage.count({ where: { payload: { path: ["data", "changeId"], equals: changeId } } }),
  ]);
  return { change, approvals, readiness, audits, outbox };
}

export type ChangeState = "Draft" | "Submitted" | "Approved" | "Scheduled" | "InProgress" | "Completed";

/**
 * A change brought to `status` through the commands a team would use (create, link a notified window,
 * approve, schedule, start, complete), by `requester` and the file's ARCHITECT as approver and mover.
 */
export async function changeIn(status: ChangeState, requester: Actor, componentId: string, extra: Record<string, unknown> = {}, now?: Date) {
  const change = await createChange({ actor: requester, input: fullInput(componentId, { submit: status !== "Draft", ...extra }), now });
  if (status === "Draft" || status === "Submitted") return change;
  const architect = await fixtureArchitect();
  await linkWindow(change.id, componentId, requester);
  let after = await approveChange({ actor: architect, input: { id: change.id }, now });
  for (const to of (["Scheduled", "InProgress", "Completed"] as const).slice(0, ["Approved", "Scheduled", "InProgress", "Completed"].indexOf(status))) {
    after = await transitionChange({ actor: architect, input: { id: change.id, to }, now });
  }
  return after;
}
