import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { GateChange, ReadinessCheckState } from "@/lib/changes/gates";
import type { Prisma, Role } from "@/lib/generated/prisma/client";

/** What commands and the detail page need to evaluate a change's rules and gates. */
export const changeForRulesSelect = {
  id: true,
  number: true,
  type: true,
  componentId: true,
  description: true,
  justification: true,
  timeline: true,
  impact: true,
  requesterId: true,
  riskLevel: true,
  riskAssessment: true,
  structural: true,
  rollbackPlan: true,
  monitoring: true,
  plannedStart: true,
  plannedEnd: true,
  status: true,
  kind: true,
  startedAt: true,
  freezeOverrideReason: true,
  template: { select: { id: true, name: true, version: true, approvedById: true } },
  emergencyIncident: { select: { id: true, number: true, title: true, severity: true, status: true } },
  version: true,
  createdAt: true,
  updatedAt: true,
  component: { select: { id: true, name: true, ownerRole: true, group: true } },
  requester: { select: { id: true, name: true, email: true, role: true } },
  approvals: {
    orderBy: { createdAt: "asc" },
    select: { id: true, approverId: true, approverRole: true, decision: true, comment: true, createdAt: true, approver: { select: { id: true, name: true, email: true, role: true } } },
  },
  readiness: { select: { item: true, done: true, evidence: true, updatedAt: true, user: { select: { id: true, name: true } } } },
  maintenance: { select: { window: { select: { id: true, number: true, title: true, windowStart: true, windowEnd: true, notifiedAt: true, cancelledAt: true } } } },
} satisfies Prisma.ChangeRequestSelect;

export type ChangeForRules = Prisma.ChangeRequestGetPayload<{ select: typeof changeForRulesSelect }>;

export async function loadChange(client: Tx | Db, id: string): Promise<ChangeForRules> {
  const row = await client.changeRequest.findUnique({ where: { id }, select: changeForRulesSelect });
  if (!row) throw new NotFoundError("Change request");
  return row;
}

export function gateInput(c: ChangeForRules): GateChange {
  return {
    type: c.type,
    componentName: c.component.name,
    description: c.description,
    justification: c.justification,
    timeline: c.timeline,
    impact: c.impact,
    riskLevel: c.riskLevel,
    riskAssessment: c.riskAssessment,
    rollbackPlan: c.rollbackPlan,
    monitoring: c.monitoring,
    windows: c.maintenance.map((m) => m.window),
  };
}

export function readinessInput(c: ChangeForRules): ReadinessCheckState[] {
  return c.readiness.map((r) => ({ item: r.item, done: r.done, evidence: r.evidence, userName: r.user.name, updatedAt: r.updatedAt }));
}

export function ruleChange(c: ChangeForRules) {
  return { requesterId: c.requesterId, ownerRole: c.component.ownerRole, structural: c.structural, riskLevel: c.riskLevel };
}

/** Generous pool/transaction waits: a burst of concurrent decisions must end in 409s, not timeouts. */
export const TX_OPTIONS = { maxWait: 15_000, timeout: 20_000 } as const;

/**
 * Optimistic concurrency: applies `data` only if the row still has `version`,
 * and increments it. A stale version is a 409 and the caller's transaction
 * rolls back, so nothing is written.
 */
export async function bumpVersion(tx: Tx, id: string, version: number, data: Prisma.ChangeRequestUncheckedUpdateManyInput = {}, now = new Date()) {
  const { count } = await tx.changeRequest.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 }, updatedAt: now } });
  if (count === 0) throw new ConflictError();
  return version + 1;
}

/** Open P1/P2 incidents on a component (the change freeze). */
export async function openMajorIncidents(client: Tx | Db, componentId: string) {
  return client.incident.findMany({
    where: { status: { not: "Resolved" }, severity: { in: ["P1", "P2"] }, components: { some: { componentId } } },
    select: { id: true, number: true, title: true, severity: true },
    orderBy: { number: "asc" },
  });
}

/** Active users holding a role (owners to notify on submit). */
export async function usersWithRole(tx: Tx, roles: Role[], except: string[] = []) {
  const rows = await tx.user.findMany({ where: { role: { in: roles }, active: true, id: { notIn: except } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Input as a plain object (anything else becomes `{}` and fails validation field by field). */
export function asObject(input: unknown): Record<string, unknown> {
  return input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}

/** The freeze periods that overlap [start, end) (group filtering is the pure rule's). */
export async function freezesOverlapping(client: Tx | Db, start: Date, end: Date) {
  return client.freezePeriod.findMany({ where: { start: { lt: end }, end: { gt: start } }, orderBy: { start: "asc" } });
}

/** Emergency: is the linked incident an open P1/P2? */
export function linkedMajorIncident(c: Pick<ChangeForRules, "emergencyIncident">): boolean {
  const i = c.emergencyIncident;
  return Boolean(i && i.status !== "Resolved" && (i.severity === "P1" || i.severity === "P2"));
}
