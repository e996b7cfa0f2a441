import "server-only";
import { can, rolesWith } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { approvalGate, readinessGate } from "@/lib/changes/gates";
import { gateInput, linkedMajorIncident, loadChange, readinessInput, ruleChange, type ChangeForRules } from "@/lib/changes/load";
import { changePolicy } from "@/lib/changes/policy";
import { changeConflicts } from "@/lib/changes/change-conflicts";
import { missingApprovals, needsArchitect, requiredApprovalsText } from "@/lib/changes/rules";
import type { Conflict } from "@/lib/changes/conflicts";
import { listChangesSchema, type ListChangesQuery } from "@/lib/changes/schemas";
import { STATUS_LABEL, type ChangeStatusKey } from "@/lib/changes/state-machine";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";

const day = (d: Date) => d.toISOString().slice(0, 10);
const user = (u: { id: string; name: string; email: string; role: string }) => ({ id: u.id, name: u.name, email: u.email, role: u.role });

/** The API.md shape of one change (plus what the detail page needs about the viewer). */
export function toChangeDto(c: ChangeForRules, actor: Pick<Actor, "id" | "role"> | null, now = new Date()) {
  const rule = ruleChange(c);
  const approval = approvalGate(gateInput(c));
  const readiness = readinessGate(readinessInput(c));
  const approvals = c.approvals.map((a) => ({ id: a.id, approverId: a.approverId, approver: user(a.approver), approverRole: a.approverRole, decision: a.decision, comment: a.comment, createdAt: a.createdAt.toISOString() }));
  const policy = actor
    ? changePolicy(actor, { ...rule, status: c.status, approvals: c.approvals, kind: c.kind, gateHolds: approval.every((i) => i.done), linkedMajorIncident: linkedMajorIncident(c) }, now)
    : undefined;
  return {
    id: c.id,
    number: c.number,
    type: c.type,
    componentId: c.componentId,
    component: c.component,
    description: c.description,
    justification: c.justification,
    timeline: day(c.timeline),
    impact: c.impact,
    requesterId: c.requesterId,
    requester: user(c.requester),
    riskLevel: c.riskLevel,
    riskAssessment: c.riskAssessment,
    structural: c.structural,
    rollbackPlan: c.rollbackPlan,
    monitoring: c.monitoring,
    plannedStart: c.plannedStart?.toISOString() ?? null,
    plannedEnd: c.plannedEnd?.toISOString() ?? null,
    status: STATUS_LABEL[c.status],
    kind: c.kind,
    emergencyIncident: c.emergencyIncident ? { id: c.emergencyIncident.id, number: c.emergencyIncident.number, severity: c.emergencyIncident.severity, status: c.emergencyIncident.status } : null,
    startedAt: c.startedAt?.toISOString() ?? null,
    template: c.template,
    freezeOverrideReason: c.freezeOverrideReason,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    gates: { approval, readiness },
    readinessRequired: c.type === "New",
    approvals,
    requiredApprovals: requiredApprovalsText(rule),
    missingApprovals: c.status === "Submitted" ? missingApprovals(rule, c.approvals) : [],
    needsArchitect: needsArchitect(rule),
    maintenanceIds: c.maintenance.map((m) => m.window.id),
    maintenance: c.maintenance
      .map((m) => ({ ...m.window, windowStart: m.window.windowStart.toISOString(), windowEnd: m.window.windowEnd.toISOString(), notifiedAt: m.window.notifiedAt?.toISOString() ?? null }))
      .sort((a, b) => a.windowStart.localeCompare(b.windowStart)),
    readinessChecks: c.readiness.map((r) => ({ item: r.item, done: r.done, evidence: r.evidence, by: r.user, at: r.updatedAt.toISOString() })),
    can: policy,
  };
}
export type ChangeDto = ReturnType<typeof toChangeDto> & { conflicts?: Conflict[] };

/** One change as the API and detail page show it. */
export async function getChange(id: string, actor: Pick<Actor, "id" | "role"> | null, now = new Date()) {
  const c = await loadChange(db, id);
  return { ...toChangeDto(c, actor, now), conflicts: await changeConflicts(db, c) };
}

/** The block of the seed's Change Request template (copied from the detail page). */
export function changeBlock(c: Pick<ChangeDto, "type" | "component" | "description" | "justification" | "timeline" | "impact" | "requester">) {
  return [
    "REQUEST: Infrastructure Change",
    `TYPE: ${c.type}`,
    `COMPONENT: ${c.component.name}`,
    `DESCRIPTION: ${c.description}`,
    `JUSTIFICATION: ${c.justification}`,
    `TIMELINE: ${c.timeline}`,
    `IMPACT: ${c.impact}`,
    `REQUESTER: ${c.requester.name}`,
  ].join("\n");
}

/** History of a change from the append-only audit log. */
export async function getChangeHistory(id: string) {
  const rows = await db.auditLog.findMany({
    where: { entity: "ChangeRequest", entityId: id },
    orderBy: { id: "asc" },
    select: { id: true, at: true, action: true, actorLabel: true, data: true, actor: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: String(r.id), at: r.at.toISOString(), action: r.action, who: r.actor?.name ?? r.actorLabel, data: r.data as Record<string, unknown> }));
}

const ORDER: Record<ListChangesQuery["sort"], Prisma.ChangeRequestOrderByWithRelationInput[]> = {
  "-updated": [{ updatedAt: "desc" }, { id: "asc" }],
  updated: [{ updatedAt: "asc" }, { id: "desc" }],
  "-created": [{ createdAt: "desc" }, { id: "asc" }],
  created: [{ createdAt: "asc" }, { id: "desc" }],
  "-number": [{ number: "desc" }],
  number: [{ number: "asc" }],
  "-planned": [{ plannedStart: { sort: "desc", nulls: "last" } }, { id: "asc" }],
  planned: [{ plannedStart: { sort: "asc", nulls: "last" } }, { id: "asc" }],
};

/** The list filters as a Prisma where (kept separate so the benchmark measures exactly what the page runs). */
export function listWhere(actor: Pick<Actor, "id" | "role">, q: ListChangesQuery): Prisma.ChangeRequestWhereInput {
  const and: Prisma.ChangeRequestWhereInput[] = [];
  if (q.status) and.push({ status: q.status as ChangeStatusKey });
  if (q.component) and.push({ componentId: q.component });
  if (q.risk) and.push({ riskLevel: q.risk });
  if (q.requester) and.push({ requesterId: q.requester === "me" ? actor.id : q.requester });
  if (q.q) {
    // "CR-42" names one change (an index lookup); bare digits may also be text.
    const ref = /^CR-?(\d{1,9})$/i.exec(q.q);
    const num = /^\d{1,9}$/.exec(q.q);
    if (ref) and.push({ number: Number(ref[1]) });
    else and.push({ OR: [{ description: { contains: q.q, mode: "insensitive" } }, ...(num ? [{ number: Number(num[0]) }] : [])] });
  }
  if (q.needsMyApproval) {
    and.push({ status: "Submitted", requesterId: { not: actor.id }, approvals: { none: { approverId: actor.id } } });
    if (!can(actor.role, "changes.approve_any")) and.push({ component: { ownerRole: actor.role } });
  }
  return and.length ? { AND: and } : {};
}

/** GET /changes and the list page: filters, sorting, cursor pagination (one SQL query with joins). */
export async function listChanges(actor: Pick<Actor, "id" | "role">, input: unknown) {
  const q = parseInput(listChangesSchema, input);
  const rows = await db.changeRequest.findMany({
    where: listWhere(actor, q),
    orderBy: ORDER[q.sort],
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      number: true,
      type: true,
      description: true,
      status: true,
      riskLevel: true,
      structural: true,
      timeline: true,
      plannedStart: true,
      createdAt: true,
      updatedAt: true,
      componentId: true,
      requesterId: true,
      component: { select: { id: true, name: true, ownerRole: true } },
      requester: { select: { id: true, name: true } },
    },
  });
  const data = rows.slice(0, q.limit).map((r) => ({
    ...r,
    status: STATUS_LABEL[r.status],
    timeline: day(r.timeline),
    plannedStart: r.plannedStart?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
  return { data, nextCursor: rows.length > q.limit ? data[data.length - 1].id : null, query: q };
}
export type ChangeListRow = Awaited<ReturnType<typeof listChanges>>["data"][number];

/** Options for the list filters and the form's component select. */
export async function changeFormOptions() {
  const [components, requesters] = await Promise.all([
    db.component.findMany({ orderBy: [{ group: "asc" }, { position: "asc" }, { name: "asc" }], select: { id: true, name: true, group: true, ownerRole: true } }),
    db.user.findMany({ where: { active: true, role: { in: rolesWith("oncall.serve") } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { components, requesters };
}

/** Everything the list page reads (the benchmark measures exactly this). */
export async function changeListPage(actor: Pick<Actor, "id" | "role">, input: unknown) {
  const [page, options] = await Promise.all([listChanges(actor, input), changeFormOptions()]);
  return { page, ...options };
}

/** Open P1/P2 incidents an Emergency change may be filed against (the change form's select). */
export async function openMajorIncidentOptions() {
  return db.incident.findMany({ where: { status: { not: "Resolved" }, severity: { in: ["P1", "P2"] } }, orderBy: { number: "desc" }, take: 50, select: { id: true, number: true, severity: true, title: true } });
}
