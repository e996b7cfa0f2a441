import type { Role } from "../../lib/auth/permissions";
import type { Actor } from "../../lib/auth/session";
import { createChange } from "../../lib/changes/create-change";
import { db } from "../../lib/db/client";
import { createComponent, createUser, uid } from "../support/factories";

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

/** Links a maintenance window to a change (as the maintenance area does), notified unless told otherwise. */
export async function linkWindow(changeId: string, componentId: string, createdById: string, notified = true) {
  return db.maintenanceWindow.create({
    data: {
      title: `Window ${uid()}`,
      windowStart: new Date("2026-12-01T02:00:00Z"),
      windowEnd: new Date("2026-12-01T04:00:00Z"),
      type: "Upgrade",
      impact: "Failover",
      rollback: "Available",
      contact: "Network on-call",
      notifiedAt: notified ? new Date("2026-11-20T08:00:00Z") : null,
      createdById,
      components: { create: [{ componentId }] },
      changes: { create: [{ changeId }] },
    },
  });
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
  await linkWindow(change.id, w.component.id, requester.id);
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
