import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { transitionForKind } from "@/lib/changes/change-kinds";
import { approvalGate } from "@/lib/changes/gates";
import { gateInput, loadChange, TX_OPTIONS, type ChangeForRules } from "@/lib/changes/load";
import { createTemplateSchema, fileFromTemplateSchema, updateTemplateSchema } from "@/lib/changes/schemas";
import { STATUS_LABEL } from "@/lib/changes/state-machine";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, GateBlockedError, NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";

const templateSelect = {
  id: true,
  name: true,
  type: true,
  description: true,
  justification: true,
  impact: true,
  riskAssessment: true,
  rollbackPlan: true,
  monitoring: true,
  active: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  approvedBy: { select: { id: true, name: true } },
  components: { select: { component: { select: { id: true, name: true, group: true } } } },
} satisfies Prisma.ChangeTemplateSelect;
type TemplateRow = Prisma.ChangeTemplateGetPayload<{ select: typeof templateSelect }>;

/** The API shape of a Standard change template (risk is always Low). */
export function toTemplateDto(t: TemplateRow) {
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    riskLevel: "Low" as const,
    description: t.description,
    justification: t.justification,
    impact: t.impact,
    riskAssessment: t.riskAssessment,
    rollbackPlan: t.rollbackPlan,
    monitoring: t.monitoring,
    active: t.active,
    version: t.version,
    approvedBy: t.approvedBy,
    components: t.components.map((c) => c.component).sort((a, b) => a.name.localeCompare(b.name)),
    componentIds: t.components.map((c) => c.component.id).sort(),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
export type TemplateDto = ReturnType<typeof toTemplateDto>;

async function assertComponents(tx: Tx, ids: string[]) {
  const found = await tx.component.count({ where: { id: { in: ids } } });
  if (found !== new Set(ids).size) throw new ValidationError({ componentIds: "Unknown component" });
}

const duplicateName = (e: unknown) => {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new ConflictError("A template with this name exists", { name: "A template with this name exists" });
  throw e;
};

/** ARCHITECT defines a Standard change template; saving it is the ARCHITECT's pre-approval. Audited. */
export async function createTemplate({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "templates.manage");
  const { componentIds, ...fields } = parseInput(createTemplateSchema, input);
  return db
    .$transaction(async (tx) => {
      await assertComponents(tx, componentIds);
      const t = await tx.changeTemplate.create({
        data: { ...fields, approvedById: actor.id, createdAt: now, updatedAt: now, components: { create: [...new Set(componentIds)].map((componentId) => ({ componentId })) } },
        select: templateSelect,
      });
      const dto = toTemplateDto(t);
      await audit(tx, { actor, action: "change_template.created", entity: "ChangeTemplate", entityId: t.id, at: now, data: { name: dto.name, componentIds: dto.componentIds, version: dto.version } });
      return dto;
    })
    .catch(duplicateName);
}

/** ARCHITECT edits or retires (`active: false`) a template, based on `version`; the saver's approval replaces the previous one. */
export async function updateTemplate({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "templates.manage");
  const { id, version, componentIds, ...fields } = parseInput(updateTemplateSchema, input);
  return db
    .$transaction(async (tx) => {
      const before = await tx.changeTemplate.findUnique({ where: { id }, select: { id: true } });
      if (!before) throw new NotFoundError("Change template");
      if (componentIds) await assertComponents(tx, componentIds);
      const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const { count } = await tx.changeTemplate.updateMany({ where: { id, version }, data: { ...data, approvedById: actor.id, version: { increment: 1 }, updatedAt: now } });
      if (count === 0) throw new ConflictError();
      if (componentIds) {
        await tx.changeTemplateComponent.deleteMany({ where: { templateId: id } });
        await tx.changeTemplateComponent.createMany({ data: [...new Set(componentIds)].map((componentId) => ({ templateId: id, componentId })) });
      }
      const dto = toTemplateDto(await tx.changeTemplate.findUniqueOrThrow({ where: { id }, select: templateSelect }));
      await audit(tx, { actor, action: "change_template.updated", entity: "ChangeTemplate", entityId: id, at: now, data: { fields: [...Object.keys(data), ...(componentIds ? ["componentIds"] : [])], active: dto.active, version: dto.version } });
      return dto;
    })
    .catch(duplicateName);
}

/** Templates (active first, by name); `activeOnly` for the filing pages. */
export async function listTemplates({ activeOnly = false }: { activeOnly?: boolean } = {}) {
  const rows = await db.changeTemplate.findMany({ where: activeOnly ? { active: true } : {}, orderBy: [{ active: "desc" }, { name: "asc" }], take: 500, select: templateSelect });
  return rows.map(toTemplateDto);
}

export async function getTemplate(id: string) {
  const row = await db.changeTemplate.findUnique({ where: { id }, select: templateSelect });
  if (!row) throw new NotFoundError("Change template");
  return toTemplateDto(row);
}

/**
 * The template's approval as the change's approval (issue 18): one approval
 * row in the name of the ARCHITECT who last saved the template, and the
 * `change.approved` audit row saying it came from the template.
 */
export async function recordTemplateApproval(tx: Tx, actor: Actor, change: Pick<ChangeForRules, "id" | "template">, status: string, version: number, now: Date) {
  const t = change.template;
  if (!t) throw new GateBlockedError("A Standard change needs the template it was filed from", { templateId: "The change has no template" });
  const approver = await tx.user.findUniqueOrThrow({ where: { id: t.approvedById }, select: { id: true, role: true } });
  await tx.changeApproval.create({
    data: { changeId: change.id, approverId: approver.id, approverRole: approver.role, decision: "approve", comment: `Pre-approved by the Standard change template "${t.name}" (version ${t.version})`, createdAt: now },
  });
  await audit(tx, { actor, action: "change.approved", entity: "ChangeRequest", entityId: change.id, at: now, data: { approvedBy: "template", templateId: t.id, templateVersion: t.version, approverId: approver.id, final: true, status, version } });
}

/**
 * Files a Standard change from an active template: the template supplies
 * TYPE, DESCRIPTION, JUSTIFICATION, IMPACT, risk (Low) and its assessment,
 * rollback plan and monitoring; the requester picks one of its components,
 * TIMELINE and the planned interval. With `submit` it goes to Submitted, or
 * straight to Scheduled when the derived gate already holds.
 */
export async function fileFromTemplate({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "changes.create");
  const { templateId, componentId, submit, ...when } = parseInput(fileFromTemplateSchema, input);
  const template = await db.changeTemplate.findUnique({ where: { id: templateId }, select: templateSelect });
  if (!template) throw new NotFoundError("Change template");
  if (!template.active) throw new GateBlockedError(`The template "${template.name}" is retired`, { templateId: "This template is retired" });
  if (!template.components.some((c) => c.component.id === componentId)) throw new ValidationError({ componentId: `The template "${template.name}" covers ${template.components.map((c) => c.component.name).join(", ")} only` });
  return db.$transaction(async (tx) => {
    const created = await tx.changeRequest.create({
      data: {
        kind: "Standard",
        templateId,
        type: template.type,
        componentId,
        description: template.description,
        justification: template.justification,
        impact: template.impact,
        riskLevel: "Low",
        riskAssessment: template.riskAssessment,
        rollbackPlan: template.rollbackPlan,
        monitoring: template.monitoring,
        timeline: when.timeline,
        plannedStart: when.plannedStart ?? null,
        plannedEnd: when.plannedEnd ?? null,
        requesterId: actor.id,
        filedByTokenId: actor.apiTokenId ?? null,
        status: "Draft",
        createdAt: now,
        updatedAt: now,
      },
      select: { id: true },
    });
    const change = await loadChange(tx, created.id);
    await audit(tx, { actor, action: "change.created", entity: "ChangeRequest", entityId: change.id, at: now, data: { number: change.number, status: "Draft", kind: "Standard", templateId, type: change.type, componentId, viaApiToken: Boolean(actor.apiTokenId) } });
    if (!submit) return change;
    const t = transitionForKind("Standard", change, "submit", { gateHolds: approvalGate(gateInput(change)).every((i) => i.done) }, now);
    if (!t.ok) throw new GateBlockedError(t.reason, { to: t.reason });
    const { count } = await tx.changeRequest.updateMany({ where: { id: change.id, version: change.version }, data: { status: t.next, version: { increment: 1 }, updatedAt: now } });
    if (count === 0) throw new ConflictError();
    await audit(tx, { actor, action: "change.submitted", entity: "ChangeRequest", entityId: change.id, at: now, data: { number: change.number, to: STATUS_LABEL[t.next] } });
    if (t.approvedBy === "template") await recordTemplateApproval(tx, actor, change, STATUS_LABEL[t.next], change.version + 1, now);
    // No "needs approval" notice: nobody approves a Standard change by hand.
    return loadChange(tx, change.id);
  }, TX_OPTIONS);
}
