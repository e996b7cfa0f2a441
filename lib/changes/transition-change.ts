import "server-only";
import { syncWindowSilences, windowIdsOfChange } from "@/lib/alerts/silences";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { missingReadinessItems, READINESS_ITEMS } from "@/lib/changes/gates";
import { transitionForKind } from "@/lib/changes/change-kinds";
import { periodFreezeDecision } from "@/lib/changes/freeze-check";
import { approvalGate } from "@/lib/changes/gates";
import { bumpVersion, gateInput, linkedMajorIncident, loadChange, openMajorIncidents, readinessInput, TX_OPTIONS } from "@/lib/changes/load";
import { notifyApprovers, notifyRequester } from "@/lib/changes/notices";
import { freezeCheck, mayMove } from "@/lib/changes/rules";
import { transitionChangeSchema } from "@/lib/changes/schemas";
import { windowsToClose, type LinkedWindow } from "@/lib/changes/window-drift";
import { refreshComponentStatuses } from "@/lib/status/refresh";
import { EVENT_FOR_TARGET, STATUS_LABEL } from "@/lib/changes/state-machine";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, ForbiddenError, GateBlockedError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { recordTemplateApproval } from "@/lib/changes/templates";

const PAST: Record<string, string> = {
  submit: "submitted",
  schedule: "scheduled",
  start: "started",
  complete: "completed",
  fail: "failed",
  rollback: "rolled_back",
  cancel: "cancelled",
};

/**
 * `POST /changes/{id}/transition {to}`: moves a change along its lifecycle.
 * Approve/reject go through approvals. Starting respects the change freeze;
 * completing or failing ends the linked window it is in and cancels later
 * ones; completing a TYPE New change needs the Production Readiness checklist.
 */
export async function transitionChange({
  actor,
  input,
  now = new Date(),
  alsoInTx,
}: {
  actor: Actor;
  input: unknown;
  now?: Date;
  /** Written in the same transaction (a pipeline's deploy record). */
  alsoInTx?: (tx: Tx) => Promise<void>;
}) {
  assertCan(actor, "changes.transition");
  const { id, to, version, overrideReason } = parseInput(transitionChangeSchema, input);
  const change = await loadChange(db, id);
  const event = EVENT_FOR_TARGET[to];
  if (!event) throw new GateBlockedError(`${STATUS_LABEL[to]} is reached through approvals, not a transition`, { to: "Use POST /changes/{id}/approvals to approve or reject" });
  if (!mayMove(actor, { requesterId: change.requesterId, ownerRole: change.component.ownerRole }, event))
    throw new ForbiddenError(
      event === "submit"
        ? "Only the requester or an ARCHITECT may submit this change"
        : `Only the requester, a holder of ${change.component.ownerRole} or an ARCHITECT may move this change`,
    );
  if (version !== undefined && version !== change.version) throw new ConflictError();
  const t = transitionForKind(
    change.kind,
    change,
    event,
    { gateHolds: change.kind === "Standard" ? approvalGate(gateInput(change)).every((i) => i.done) : undefined, linkedMajorIncident: linkedMajorIncident(change) },
    now,
  );
  if (!t.ok) throw new GateBlockedError(t.reason, { to: t.reason });

  let overridden: { number: number }[] = [];
  if (event === "start" && change.kind !== "Emergency") {
    // An Emergency change exists to act during its P1/P2: the incident freeze does not hold it back.
    const freeze = freezeCheck(await openMajorIncidents(db, change.componentId), actor, overrideReason);
    if (!freeze.ok) throw new GateBlockedError(freeze.reason, { freeze: freeze.reason });
    overridden = freeze.overridden;
  }
  const windows: LinkedWindow[] = change.maintenance.map((m) => m.window);
  const closing = event === "complete" || event === "fail" ? windowsToClose(windows, now) : { end: [], cancel: [] };
  let periodsOverridden: { name: string }[] = [];
  if (event === "start" || event === "schedule" || t.next === "Scheduled") {
    const periods = await periodFreezeDecision(db, change, overrideReason);
    if (!periods.ok) throw new GateBlockedError(periods.reason, { freeze: periods.reason });
    periodsOverridden = periods.overridden;
  }
  if (event === "complete" && change.type === "New") {
    const missing = missingReadinessItems(readinessInput(change));
    if (missing.length)
      throw new GateBlockedError(
        `A TYPE New change completes only when the Production Readiness checklist holds; missing: ${missing.map((k) => READINESS_ITEMS.find((i) => i.key === k)!.label).join(", ")}`,
        Object.fromEntries(missing.map((k) => [k, `${READINESS_ITEMS.find((i) => i.key === k)!.label} is not ticked`])),
      );
  }

  return db.$transaction(async (tx) => {
    const next = await bumpVersion(tx, id, change.version, { status: t.next, ...(event === "start" ? { startedAt: now } : {}), ...(periodsOverridden.length ? { freezeOverrideReason: overrideReason } : {}) }, now);
    // The change is over: its open window ends now (the status page shows it completed), later ones are cancelled.
    for (const w of closing.end) {
      await tx.maintenanceWindow.update({ where: { id: w.id }, data: { windowEnd: new Date(Math.max(now.getTime(), w.windowStart.getTime() + 1)), version: { increment: 1 } } });
      await audit(tx, { actor, action: "maintenance.ended_early", entity: "MaintenanceWindow", entityId: w.id, at: now, data: { changeId: id, changeNumber: change.number, event, plannedEnd: w.windowEnd.toISOString() } });
    }
    for (const w of closing.cancel) {
      const reason = `CR-${change.number} was ${event === "complete" ? "completed" : "failed"} before this window.`;
      await tx.maintenanceWindow.update({ where: { id: w.id }, data: { cancelledAt: now, cancelReason: reason, version: { increment: 1 } } });
      await audit(tx, { actor, action: "maintenance.cancelled", entity: "MaintenanceWindow", entityId: w.id, at: now, data: { reason, changeId: id, changeNumber: change.number } });
    }
    if (closing.end.length || closing.cancel.length) {
      const comps = await tx.maintenanceComponent.findMany({ where: { windowId: { in: [...closing.end, ...closing.cancel].map((w) => w.id) } }, select: { componentId: true } });
      await refreshComponentStatuses(tx, now, [...new Set(comps.map((c) => c.componentId))]);
    }
    await syncWindowSilences(tx, await windowIdsOfChange(tx, id), now);
    await audit(tx, { actor, action: `change.${PAST[event]}`, entity: "ChangeRequest", entityId: id, at: now, data: { from: STATUS_LABEL[change.status], to: STATUS_LABEL[t.next], version: next } });
    if (overridden.length)
      await audit(tx, { actor, action: "change.freeze_overridden", entity: "ChangeRequest", entityId: id, at: now, data: { event, overrideReason, incidents: overridden.map((i) => `INC-${i.number}`) } });
    if (periodsOverridden.length)
      await audit(tx, { actor, action: "change.freeze_period_overridden", entity: "ChangeRequest", entityId: id, at: now, data: { event, overrideReason, freezes: periodsOverridden.map((f) => f.name) } });
    if (t.approvedBy === "template") await recordTemplateApproval(tx, actor, change, STATUS_LABEL[t.next], next, now);
    if (alsoInTx) await alsoInTx(tx);
    const after = await loadChange(tx, id);
    if (event === "submit" && change.kind !== "Standard") await notifyApprovers(tx, after, next, now);
    else
      await notifyRequester(tx, change, actor.id, `change.${PAST[event]}`, `CR-${change.number} is ${STATUS_LABEL[t.next]}`, `${actor.name} moved your change to ${STATUS_LABEL[t.next]}.`, next, now);
    return after;
  }, TX_OPTIONS);
}
