import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { setDependenciesObject, CHANGE_SORTS, createTemplateSchema, fileFromTemplateObject, updateTemplateObject, createChangeSchema, decideChangeObject, createFreezeSchema, deployEventSchema, setReadinessSchema, transitionChangeSchema, updateChangeObject } from "@/lib/changes/schemas";
import { STATUS_LABELS } from "@/lib/changes/state-machine";
import { listOf, registerPath } from "@/lib/http/openapi";

const gateItem = z.object({ key: z.string(), label: z.string(), done: z.boolean(), derived: z.boolean(), detail: z.string() });
const userRef = z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string() });
const userName = z.object({ id: z.string(), name: z.string() });
const componentRef = z.object({ id: z.string(), name: z.string(), ownerRole: z.string() });

export const changeSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    type: z.enum(["New", "Modify", "Remove"]),
    componentId: z.string(),
    component: componentRef.extend({ group: z.string() }),
    description: z.string(),
    justification: z.string(),
    timeline: z.string().describe("YYYY-MM-DD"),
    impact: z.string(),
    requesterId: z.string(),
    requester: userRef,
    riskLevel: z.enum(["Low", "Medium", "High"]).nullable(),
    riskAssessment: z.string().nullable(),
    structural: z.boolean(),
    rollbackPlan: z.string().nullable(),
    monitoring: z.string().nullable(),
    plannedStart: z.string().nullable(),
    plannedEnd: z.string().nullable(),
    status: z.enum(STATUS_LABELS),
    kind: z.enum(["Standard", "Normal", "Emergency"]),
    emergencyIncident: z.object({ id: z.string(), number: z.number().int(), severity: z.string(), status: z.string() }).nullable(),
    startedAt: z.string().nullable(),
    template: z.object({ id: z.string(), name: z.string(), version: z.number().int(), approvedById: z.string() }).nullable().describe("Standard: the pre-approved template it was filed from"),
    freezeOverrideReason: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
    gates: z.object({ approval: z.array(gateItem), readiness: z.array(gateItem) }),
    conflicts: z
      .array(z.object({ kind: z.enum(["change", "maintenance"]), id: z.string(), number: z.number().int(), label: z.string(), start: z.string(), end: z.string(), reason: z.string() }))
      .optional()
      .describe("GET /changes/{id}: other changes and windows whose interval overlaps this one on the same component or a directly dependent one"),
    readinessRequired: z.boolean().describe("the Production Readiness checklist gates this change (New changes)"),
    approvals: z.array(z.object({ id: z.string(), approverId: z.string(), approver: userRef, approverRole: z.string(), decision: z.enum(["approve", "reject"]), comment: z.string().nullable(), createdAt: z.string() })),
    requiredApprovals: z.string().describe("who must approve, in words"),
    missingApprovals: z.array(z.string()).describe("approvals still needed, in words"),
    needsArchitect: z.boolean(),
    maintenanceIds: z.array(z.string()),
    maintenance: z.array(z.object({ id: z.string(), number: z.number().int(), title: z.string(), windowStart: z.string().datetime(), windowEnd: z.string().datetime(), notifiedAt: z.string().datetime().nullable() })),
    readinessChecks: z.array(z.object({ item: z.string(), done: z.boolean(), evidence: z.string().nullable(), by: userName.nullable(), at: z.string().datetime() })),
    can: z
      .object({
        edit: z.boolean(),
        decide: z.boolean(),
        transitions: z.array(z.string()).describe("target statuses the caller may move the change to now"),
        tickReadiness: z.boolean(),
        overrideFreeze: z.boolean(),
        editRefusal: z.string().nullable(),
        decideRefusal: z.string().nullable(),
      })
      .describe("what the caller may do with this change now"),
  })
  .openapi("Change");

const changeListItem = z
  .object({ id: z.string(), number: z.number().int(), type: z.string(), description: z.string(), status: z.enum(STATUS_LABELS), riskLevel: z.string().nullable(), structural: z.boolean(), componentId: z.string(), component: componentRef, requesterId: z.string(), requester: userName, timeline: z.string(), plannedStart: z.string().nullable(), updatedAt: z.string(), createdAt: z.string() })
  .openapi("ChangeListItem");

const deployGateSchema = z
  .object({ allowed: z.boolean(), reasons: z.array(z.string()), change: z.object({ number: z.number().int(), status: z.string() }), window: z.object({ start: z.string().nullable(), end: z.string().nullable() }) })
  .openapi("DeployGate");

const idParam = z.object({ id: z.string() });
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const ok = (description: string) => ({ description, ...json(changeSchema) });

/** /api/v1/changes paths, from the same zod schemas the handlers parse with. */
export function registerOpenApi(registry: OpenAPIRegistry) {
  registerPath(registry, {
    method: "get",
    path: "/changes",
    tags: ["changes"],
    summary: "List change requests",
    request: {
      query: z.object({
        status: z.enum(STATUS_LABELS).optional(),
        component: z.string().optional().describe("component id"),
        risk: z.enum(["Low", "Medium", "High"]).optional(),
        requester: z.string().optional().describe('user id, or "me"'),
        q: z.string().optional().describe("text in DESCRIPTION, or CR-<number>"),
        needsMyApproval: z.enum(["true", "false"]).optional(),
        sort: z.enum(CHANGE_SORTS).optional(),
        limit: z.number().int().min(1).max(100).optional(),
        cursor: z.string().optional(),
      }),
    },
    responses: { 200: { description: "A page of changes", ...json(listOf(changeListItem)) } },
  });
  registerPath(registry, { method: "post", path: "/changes", tags: ["changes"], summary: "File a change (Draft, or Submitted with submit: true)", request: { body: json(createChangeSchema) }, responses: { 201: ok("The created change") } });
  registerPath(registry, { method: "get", path: "/changes/{id}", tags: ["changes"], summary: "One change with gates, approvals and maintenanceIds", request: { params: idParam }, responses: { 200: ok("The change") } });
  registerPath(registry, { method: "patch", path: "/changes/{id}", tags: ["changes"], summary: "Edit while Draft/Submitted (carries version)", request: { params: idParam, body: json(updateChangeObject.omit({ id: true })) }, responses: { 200: ok("The edited change") } });
  registerPath(registry, { method: "post", path: "/changes/{id}/approvals", tags: ["changes"], summary: "Approve or reject", request: { params: idParam, body: json(decideChangeObject.omit({ id: true })) }, responses: { 201: ok("The change after the decision") } });
  registerPath(registry, { method: "post", path: "/changes/{id}/transition", tags: ["changes"], summary: "Move along the lifecycle", request: { params: idParam, body: json(transitionChangeSchema.omit({ id: true })) }, responses: { 200: ok("The moved change") } });
  registerPath(registry, {
    method: "get",
    path: "/changes/{id}/deploy-gate",
    tags: ["changes"],
    summary: "May a pipeline deploy this change now? (status Approved/Scheduled/In progress, inside its window [start, end), no freeze, no open P1/P2)",
    request: { params: idParam },
    responses: { 200: { description: "The decision", ...json(deployGateSchema) } },
  });
  registerPath(registry, {
    method: "post",
    path: "/changes/{id}/deploy-events",
    tags: ["changes"],
    summary: "A pipeline reports a deploy: started → In progress (gate must allow), succeeded → Completed, failed → Failed; records the pipeline link",
    request: { params: idParam, body: json(deployEventSchema.omit({ id: true })) },
    responses: { 201: ok("The change after the event") },
  });
  const freeze = z.object({ id: z.string(), name: z.string(), reason: z.string(), start: z.string(), end: z.string(), componentGroup: z.string().nullable() }).openapi("FreezePeriod");
  registerPath(registry, {
    method: "get",
    path: "/changes/emergency-overdue",
    tags: ["changes"],
    summary: "Emergency changes that started unapproved and are past their 24 h retroactive-approval deadline",
    responses: { 200: { description: "Overdue emergency changes", ...json(z.object({ items: z.array(z.object({ id: z.string(), number: z.number().int(), description: z.string(), status: z.string(), startedAt: z.string(), deadline: z.string(), componentId: z.string() })) })) } },
  });
  registerPath(registry, { method: "get", path: "/freezes", tags: ["changes"], summary: "Freeze periods that have not ended", responses: { 200: { description: "Freeze periods", ...json(z.object({ items: z.array(freeze) })) } } });
  registerPath(registry, {
    method: "post",
    path: "/freezes",
    tags: ["changes"],
    summary: "Define a freeze period (ARCHITECT): global, or one component group with componentGroup",
    request: { body: json(createFreezeSchema) },
    responses: { 201: { description: "The freeze period", ...json(freeze) } },
  });
  const template = z
    .object({
      id: z.string(),
      name: z.string(),
      type: z.enum(["New", "Modify", "Remove"]),
      riskLevel: z.literal("Low"),
      description: z.string(),
      justification: z.string(),
      impact: z.string(),
      riskAssessment: z.string(),
      rollbackPlan: z.string(),
      monitoring: z.string(),
      active: z.boolean(),
      version: z.number().int(),
      approvedBy: userName.describe("the ARCHITECT whose approval the template carries"),
      components: z.array(z.object({ id: z.string(), name: z.string(), group: z.string() })),
      componentIds: z.array(z.string()),
      createdAt: z.string().datetime(),
      updatedAt: z.string().datetime(),
    })
    .openapi("ChangeTemplate");
  registerPath(registry, { method: "get", path: "/change-templates", tags: ["changes"], summary: "Standard change templates", responses: { 200: { description: "Templates", ...json(z.object({ items: z.array(template) })) } } });
  registerPath(registry, {
    method: "post",
    path: "/change-templates",
    tags: ["changes"],
    summary: "Define a Standard change template (ARCHITECT; risk is Low; saving it is the pre-approval)",
    request: { body: json(createTemplateSchema) },
    responses: { 201: { description: "The template", ...json(template) } },
  });
  registerPath(registry, { method: "get", path: "/change-templates/{id}", tags: ["changes"], summary: "One template", request: { params: idParam }, responses: { 200: { description: "The template", ...json(template) } } });
  registerPath(registry, {
    method: "patch",
    path: "/change-templates/{id}",
    tags: ["changes"],
    summary: "Edit or retire (active: false) a template (ARCHITECT, carries version; the saver re-approves it)",
    request: { params: idParam, body: json(updateTemplateObject) },
    responses: { 200: { description: "The template", ...json(template) } },
  });
  registerPath(registry, {
    method: "post",
    path: "/change-templates/{id}/changes",
    tags: ["changes"],
    summary: "File a Standard change from the template (submit: true → Submitted, or Scheduled once the Change Approval gate holds; no human approval)",
    request: { params: idParam, body: json(fileFromTemplateObject) },
    responses: { 201: ok("The filed Standard change") },
  });
  const deps = z
    .object({ componentId: z.string(), dependsOn: z.array(z.object({ id: z.string(), name: z.string() })), dependents: z.array(z.object({ id: z.string(), name: z.string() })) })
    .openapi("ComponentDependencies");
  registerPath(registry, { method: "get", path: "/components/{id}/dependencies", tags: ["components"], summary: "What the component directly depends on, and what depends on it", request: { params: idParam }, responses: { 200: { description: "Dependencies", ...json(deps) } } });
  registerPath(registry, {
    method: "put",
    path: "/components/{id}/dependencies",
    tags: ["components"],
    summary: "Set what the component directly depends on (ARCHITECT); work on either then conflicts with work on the other",
    request: { params: idParam, body: json(setDependenciesObject) },
    responses: { 200: { description: "Dependencies", ...json(deps) } },
  });
  const cabItem = z
    .object({
      id: z.string(),
      number: z.number().int(),
      description: z.string(),
      component: z.string(),
      kind: z.enum(["Standard", "Normal", "Emergency"]),
      riskLevel: z.string().nullable(),
      structural: z.boolean(),
      plannedStart: z.string().nullable(),
      plannedEnd: z.string().nullable(),
      requester: z.string(),
      gate: z.object({ done: z.number().int(), total: z.number().int(), missing: z.array(z.string()) }),
      conflicts: z.array(z.string()),
      freezes: z.array(z.string()),
    })
    .openapi("CabQueueItem");
  registerPath(registry, { method: "get", path: "/changes/cab", tags: ["changes"], summary: "The caller's CAB queue: changes awaiting their approval, by planned start, with gate state, risk, conflicts and freezes", responses: { 200: { description: "The queue", ...json(z.object({ items: z.array(cabItem) })) } } });
  registerPath(registry, {
    method: "get",
    path: "/changes/cab/agenda",
    tags: ["changes"],
    summary: "The CAB queue as a meeting agenda (Markdown table or CSV)",
    request: { query: z.object({ format: z.enum(["md", "csv"]).optional() }) },
    responses: { 200: { description: "The agenda", content: { "text/markdown": { schema: z.string() }, "text/csv": { schema: z.string() } } } },
  });
  registerPath(registry, { method: "post", path: "/changes/{id}/checklist", tags: ["changes"], summary: "Tick or untick a Production Readiness item", request: { params: idParam, body: json(setReadinessSchema.omit({ id: true })) }, responses: { 200: ok("The change with its checklist") } });
}
