import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { CHANGE_EVENT_FOR_DEPLOY, deployGate, type DeployGate } from "@/lib/changes/deploy-gate";
import { freezesOverlapping, loadChange, openMajorIncidents, TX_OPTIONS } from "@/lib/changes/load";
import { deployEventSchema } from "@/lib/changes/schemas";
import { EMERGENCY_APPROVAL_HOURS, emergencyApprovalState, retroactiveDeadline } from "@/lib/changes/change-kinds";
import { STATUS_LABEL, type ChangeStatusKey } from "@/lib/changes/state-machine";
import { transitionChange } from "@/lib/changes/transition-change";
import { db, type Tx } from "@/lib/db/client";
import { GateBlockedError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

/** `GET /changes/{id}/deploy-gate`: may a pipeline deploy this change now? (deploy-gate.ts decides.) */
export async function getDeployGate({ id, now = new Date() }: { actor: Actor; id: string; now?: Date }): Promise<DeployGate> {
  const change = await loadChange(db, id);
  const freezes = await freezesOverlapping(db, now, new Date(now.getTime() + 1));
  const incidents = await openMajorIncidents(db, change.componentId);
  return deployGate(
    {
      number: change.number,
      status: change.status,
      kind: change.kind,
      plannedStart: change.plannedStart,
      plannedEnd: change.plannedEnd,
      componentGroup: change.component.group,
      freezeOverridden: Boolean(change.freezeOverrideReason),
    },
    freezes,
    // An Emergency change is filed to act during its P1/P2: the incident freeze does not gate it.
    change.kind === "Emergency" ? [] : incidents,
    now,
  );
}

/** Where each pipeline event expects the change before it moves it; a repeat (already there) only records the deploy. */
const TARGET: Record<keyof typeof CHANGE_EVENT_FOR_DEPLOY, ChangeStatusKey> = { started: "InProgress", succeeded: "Completed", failed: "Failed" };

/**
 * `POST /changes/{id}/deploy-events {event, pipelineUrl, commit}`: started →
 * In progress (only while the deploy gate allows it), succeeded → Completed,
 * failed → Failed; records a DeployRecord with the pipeline link in the same
 * transaction as the move (transitionChange authorizes, checks and audits it).
 */
export async function recordDeployEvent({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "changes.transition");
  const { id, event, pipelineUrl, commit, overrideReason } = parseInput(deployEventSchema, input);
  const change = await loadChange(db, id);
  if (event === "started") {
    const gate = await getDeployGate({ actor, id, now }); // readable by every signed-in caller, like GET /changes/{id}
    if (!gate.allowed) throw new GateBlockedError(`The deploy gate is closed: ${gate.reasons.join("; ")}`, { event: gate.reasons.join("; ") });
  }
  const record = async (tx: Tx) => {
    await tx.deployRecord.create({ data: { changeId: id, componentId: change.componentId, source: "pipeline", event, pipelineUrl: pipelineUrl ?? null, commit: commit ?? null, at: now } });
    await audit(tx, { actor, action: "change.deploy_event", entity: "ChangeRequest", entityId: id, at: now, data: { event, pipelineUrl: pipelineUrl ?? null, commit: commit ?? null } });
  };
  const to = TARGET[event];
  if (change.status === to) {
    await db.$transaction(record, TX_OPTIONS);
    return loadChange(db, id);
  }
  return transitionChange({ actor, input: { id, to, overrideReason }, now, alsoInTx: record });
}

/**
 * Emergency changes that started unapproved and are past their 24 h
 * retroactive-approval deadline at `now` (`GET /changes/emergency-overdue`).
 */
export async function overdueEmergencyChanges(now = new Date()) {
  const rows = await db.changeRequest.findMany({
    where: { kind: "Emergency", startedAt: { not: null, lte: new Date(now.getTime() - EMERGENCY_APPROVAL_HOURS * 3600_000) }, approvals: { none: { decision: "approve" } } },
    orderBy: { startedAt: "asc" },
    take: 500,
    select: { id: true, number: true, description: true, status: true, startedAt: true, componentId: true },
  });
  return rows
    .filter((r) => emergencyApprovalState(r.startedAt!, null, now) === "overdue")
    .map((r) => ({ id: r.id, number: r.number, description: r.description, status: STATUS_LABEL[r.status], startedAt: r.startedAt!.toISOString(), deadline: retroactiveDeadline(r.startedAt!).toISOString(), componentId: r.componentId }));
}
