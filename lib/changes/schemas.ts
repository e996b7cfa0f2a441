import { z } from "zod";
import { READINESS_KEYS } from "@/lib/changes/gates";
import { plannedWindowError } from "@/lib/changes/rules";
import { CHANGE_STATUSES, STATUS_LABEL, STATUS_LABELS, statusFromLabel, type ChangeStatusKey } from "@/lib/changes/state-machine";

/**
 * One zod schema per input, shared by the form (server action) and the API.
 * Forms send strings ("" for empty, "on" for checkboxes); the API sends JSON.
 */
/** Maximum lengths of the text fields: the schemas below and the forms' maxLength read them (one source). */
export const LIMITS = {
  text: 5000,
  monitoring: 2000,
  comment: 2000,
  overrideReason: 2000,
  conflictReason: 2000,
  evidence: 2000,
  id: 100,
  pipelineUrl: 2000,
  commit: 200,
  search: 200,
  freezeName: 200,
  freezeReason: 2000,
  freezeInstant: 40,
  templateName: 200,
} as const;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = (name: string, max: number = LIMITS.text) =>
  z.string({ error: `${name} is required` }).trim().min(1, `${name} is required`).max(max, `${name} is at most ${max} characters`);
const optionalText = (max: number = LIMITS.text) => z.preprocess(blankToUndefined, z.string().trim().max(max, `At most ${max} characters`).optional());
const boolish = z.preprocess((v) => (v === "on" || v === "true" || v === "1" ? true : v === "" || v === "false" || v === "0" || v === undefined ? false : v), z.boolean());

/** "2026-12-01" or a full ISO timestamp; stored as a date. */
const dateOnly = z.preprocess(
  blankToUndefined,
  z
    .string({ error: "TIMELINE is required" })
    .regex(/^\d{4}-\d{2}-\d{2}/, "Use a date like 2026-12-01")
    .transform((v, ctx) => {
      const d = new Date(`${v.slice(0, 10)}T00:00:00Z`);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: "custom", message: "Not a valid date" });
        return z.NEVER;
      }
      return d;
    }),
);

/** ISO timestamps; a value without offset (a datetime-local input) is read as UTC. */
const utcInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, "Use a date and time like 2026-12-01T02:00 (UTC)")
  .transform((v, ctx) => {
    const d = new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Not a valid date and time" });
      return z.NEVER;
    }
    return d;
  });
const utcDateTime = z.preprocess(blankToUndefined, utcInstant.optional());

export const changeTypeSchema = z.enum(["New", "Modify", "Remove"], { error: "Choose New, Modify or Remove" });
export const riskLevelSchema = z.enum(["Low", "Medium", "High"], { error: "Choose Low, Medium or High" });

const changeFields = {
  type: changeTypeSchema,
  componentId: z.string({ error: "Choose a component" }).trim().min(1, "Choose a component"),
  description: text("DESCRIPTION"),
  justification: text("JUSTIFICATION"),
  timeline: dateOnly,
  impact: text("IMPACT"),
  riskLevel: z.preprocess(blankToUndefined, riskLevelSchema.optional()),
  riskAssessment: optionalText(),
  structural: boolish.optional(),
  rollbackPlan: optionalText(),
  monitoring: optionalText(LIMITS.monitoring),
  plannedStart: utcDateTime,
  plannedEnd: utcDateTime,
};

function plannedOrder(v: { plannedStart?: Date; plannedEnd?: Date }, ctx: z.RefinementCtx) {
  const error = plannedWindowError(v.plannedStart, v.plannedEnd);
  if (error) ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: error.plannedEnd });
}

/** POST /changes and the "new change" form. `requesterId` is never read from input. */
/** Filed directly: Normal or Emergency (a Standard change is filed from a pre-approved template). */
export const filedKindSchema = z.enum(["Normal", "Emergency"], { error: "Choose Normal or Emergency (Standard changes come from a template)" });

export const createChangeSchema = z
  .object({
    ...changeFields,
    kind: z.preprocess(blankToUndefined, filedKindSchema.optional()),
    /** Emergency: the open P1/P2 incident it answers. */
    emergencyIncidentId: z.preprocess(blankToUndefined, z.string().trim().max(LIMITS.id, `At most ${LIMITS.id} characters`).optional()),
    submit: boolish.optional(),
  })
  .superRefine(plannedOrder);
export type CreateChangeInput = z.input<typeof createChangeSchema>;

const clearable = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null || (typeof v === "string" && v.trim() === "") ? null : v), schema.nullable().optional());

/** PATCH /changes/{id}: any subset of the fields ("" or null clears an optional one), plus the `version` the edit is based on. */
export const updateChangeObject = z.object({
    type: changeTypeSchema.optional(),
    componentId: changeFields.componentId.optional(),
    description: text("DESCRIPTION").optional(),
    justification: text("JUSTIFICATION").optional(),
    timeline: dateOnly.optional(),
    impact: text("IMPACT").optional(),
    riskLevel: clearable(riskLevelSchema),
    riskAssessment: clearable(z.string().trim().max(LIMITS.text, `At most ${LIMITS.text} characters`)),
    structural: boolish.optional(),
    rollbackPlan: clearable(z.string().trim().max(LIMITS.text, `At most ${LIMITS.text} characters`)),
    monitoring: clearable(z.string().trim().max(LIMITS.monitoring, `At most ${LIMITS.monitoring} characters`)),
    plannedStart: clearable(utcInstant),
    plannedEnd: clearable(utcInstant),
    id: z.string({ error: "id is required" }).min(1, "id is required"),
    version: z.coerce.number({ error: "version is required" }).int("version is required").min(1, "version is required"),
  });
export const updateChangeSchema = updateChangeObject.superRefine((v, ctx) => plannedOrder({ plannedStart: v.plannedStart ?? undefined, plannedEnd: v.plannedEnd ?? undefined }, ctx));
export type UpdateChangeInput = z.input<typeof updateChangeSchema>;

const idSchema = z.string({ error: "id is required" }).min(1, "id is required");
const optionalVersion = z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional());

export const submitChangeSchema = z.object({ id: idSchema, version: optionalVersion });

/** POST /changes/{id}/approvals */
export const decideChangeObject = z.object({
  id: idSchema,
  decision: z.enum(["approve", "reject"], { error: "decision must be approve or reject" }),
  comment: optionalText(LIMITS.comment),
  overrideReason: optionalText(LIMITS.overrideReason),
  /** approving a change whose planned interval conflicts with other work: the confirmation's reason */
  conflictReason: optionalText(LIMITS.conflictReason),
});
export const decideChangeSchema = decideChangeObject.superRefine((v, ctx) => {
    if (v.decision === "reject" && !v.comment) ctx.addIssue({ code: "custom", path: ["comment"], message: "A rejection needs a comment" });
  });
export type DecideChangeInput = z.input<typeof decideChangeSchema>;

const statusSchema = z.string().transform((v, ctx) => {
  const s = statusFromLabel(v);
  if (!s) {
    ctx.addIssue({ code: "custom", message: `Unknown status; one of ${STATUS_LABELS.join(", ")}` });
    return z.NEVER;
  }
  return s;
});

/** POST /changes/{id}/transition {to} — `to` is a display status such as "In progress". */
/** POST /changes/{id}/deploy-events: what a pipeline reports. */
export const deployEventSchema = z.object({
  id: z.string().trim().min(1).max(100),
  event: z.enum(["started", "succeeded", "failed"], { error: "event must be started, succeeded or failed" }),
  pipelineUrl: z.preprocess(blankToUndefined, z.string().trim().max(LIMITS.pipelineUrl, `At most ${LIMITS.pipelineUrl} characters`).url("pipelineUrl must be a URL").optional()),
  commit: z.preprocess(blankToUndefined, z.string().trim().max(LIMITS.commit, `At most ${LIMITS.commit} characters`).optional()),
  overrideReason: optionalText(LIMITS.overrideReason),
});

export const transitionChangeSchema = z.object({
  id: idSchema,
  to: statusSchema,
  version: optionalVersion,
  overrideReason: optionalText(LIMITS.overrideReason),
});
export type TransitionChangeInput = z.input<typeof transitionChangeSchema>;

/** POST /changes/{id}/checklist {item, done, evidence} (readiness items only). */
export const setReadinessSchema = z.object({
  id: idSchema,
  item: z.enum(READINESS_KEYS, { error: `item must be one of ${READINESS_KEYS.join(", ")}` }),
  done: boolish,
  evidence: z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim().max(LIMITS.evidence, `At most ${LIMITS.evidence} characters`)),
  version: optionalVersion,
});
export type SetReadinessInput = z.input<typeof setReadinessSchema>;

export const CHANGE_SORTS = ["updated", "-updated", "created", "-created", "number", "-number", "planned", "-planned"] as const;

/** GET /changes query (and the list page's search params). */
export const listChangesSchema = z.object({
  status: z.preprocess(blankToUndefined, statusSchema.optional()),
  component: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  risk: z.preprocess(blankToUndefined, riskLevelSchema.optional()),
  requester: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(LIMITS.search).optional()),
  needsMyApproval: boolish.optional(),
  sort: z.preprocess(blankToUndefined, z.enum(CHANGE_SORTS).default("-updated")),
  limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(25)),
  cursor: z.preprocess(blankToUndefined, z.string().max(200).optional()),
});
export type ListChangesInput = z.input<typeof listChangesSchema>;
export type ListChangesQuery = z.output<typeof listChangesSchema>;

export { CHANGE_STATUSES, STATUS_LABEL, type ChangeStatusKey };

const freezeInstant = z
  .string({ error: "Use a date and time like 2026-12-20T00:00Z" })
  .max(LIMITS.freezeInstant, `At most ${LIMITS.freezeInstant} characters`)
  .transform((v, ctx) => {
    const d = new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) || Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Use a date and time like 2026-12-20T00:00Z (UTC)" });
      return z.NEVER;
    }
    return d;
  });

/** POST /freezes: a freeze period [start, end), global (no componentGroup) or one component group. */
export const createFreezeSchema = z
  .object({
    name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(LIMITS.freezeName, `At most ${LIMITS.freezeName} characters`),
    reason: z.string({ error: "reason is required" }).trim().min(1, "reason is required").max(LIMITS.freezeReason, `At most ${LIMITS.freezeReason} characters`),
    start: freezeInstant,
    end: freezeInstant,
    componentGroup: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(200, "At most 200 characters").optional()),
  })
  .superRefine((v, ctx) => {
    if (v.end.getTime() <= v.start.getTime()) ctx.addIssue({ code: "custom", path: ["end"], message: "end must be after start" });
  });


/**
 * Standard change templates (issue 18): an ARCHITECT's pre-approved change.
 * Risk is always Low; the template carries the content the Change Approval
 * gate reads (documented fields, risk assessment, rollback plan, monitoring).
 */
const templateFields = {
  name: text("name", LIMITS.templateName),
  type: changeTypeSchema,
  componentIds: z
    .array(z.string().trim().min(1).max(100), { error: "Choose at least one component" })
    .min(1, "Choose at least one component")
    .max(50, "At most 50 components"),
  description: text("DESCRIPTION"),
  justification: text("JUSTIFICATION"),
  impact: text("IMPACT"),
  riskAssessment: text("Risk assessment"),
  rollbackPlan: text("Rollback plan"),
  monitoring: text("Monitoring", LIMITS.monitoring),
};
/** POST /change-templates */
export const createTemplateSchema = z.object(templateFields);
export type CreateTemplateInput = z.input<typeof createTemplateSchema>;

/** PATCH /change-templates/{id}: any subset, `active: false` retires it; carries `version`. Saving re-approves it as the saver. */
export const updateTemplateObject = z.object({
  name: templateFields.name.optional(),
  type: changeTypeSchema.optional(),
  componentIds: templateFields.componentIds.optional(),
  description: templateFields.description.optional(),
  justification: templateFields.justification.optional(),
  impact: templateFields.impact.optional(),
  riskAssessment: templateFields.riskAssessment.optional(),
  rollbackPlan: templateFields.rollbackPlan.optional(),
  monitoring: templateFields.monitoring.optional(),
  active: boolish.optional(),
  version: z.coerce.number({ error: "version is required" }).int("version is required").min(1, "version is required"),
});
export const updateTemplateSchema = updateTemplateObject.extend({ id: idSchema });

/** POST /change-templates/{id}/changes: what the requester adds to a template when filing a Standard change. */
export const fileFromTemplateObject = z.object({
  componentId: z.string({ error: "Choose a component" }).trim().min(1, "Choose a component").max(100, "At most 100 characters"),
  timeline: dateOnly,
  plannedStart: utcDateTime,
  plannedEnd: utcDateTime,
  submit: boolish.optional(),
});
export const fileFromTemplateSchema = fileFromTemplateObject.extend({ templateId: idSchema }).superRefine(plannedOrder);
export type FileFromTemplateInput = z.input<typeof fileFromTemplateSchema>;

/** PUT /components/{id}/dependencies: the components this one directly depends on (replaces the list). */
export const setDependenciesObject = z.object({
  dependsOnIds: z.array(z.string().trim().min(1).max(100), { error: "dependsOnIds must be a list of component ids" }).max(50, "At most 50 dependencies"),
});
export const setDependenciesSchema = setDependenciesObject.extend({ id: idSchema });
