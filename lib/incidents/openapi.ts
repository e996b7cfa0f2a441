import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { paginationSchema } from "@/lib/http/pagination";
import { listOf, registerPath, z } from "@/lib/http/openapi";
import { COMPONENT_STATUSES } from "@/lib/status/derive-status";
import { declareIncidentSchema, listIncidentsQuerySchema, postIncidentUpdateSchema, reopenIncidentSchema, resolveIncidentSchema } from "./schemas";
import { INCIDENT_STATUSES, SEVERITIES } from "./state-machine";

const user = z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string() }).openapi("User");
const iso = z.string().openapi({ format: "date-time" });

/** The response shape of lib/incidents/queries.ts (documentation only; handlers build it there). */
const incidentSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    title: z.string().openapi({ description: "INCIDENT" }),
    severity: z.enum(SEVERITIES),
    status: z.enum(INCIDENT_STATUSES),
    impact: z.string(),
    componentIds: z.array(z.string()),
    components: z.array(z.object({ id: z.string(), name: z.string(), group: z.string(), ownerRole: z.string(), status: z.enum(COMPONENT_STATUSES) })),
    currentAction: z.string(),
    eta: iso.nullable(),
    commanderId: z.string().nullable(),
    commander: user.nullable(),
    declaredById: z.string(),
    declaredAt: iso,
    alertStartedAt: iso.nullable(),
    detectedAt: iso.nullable(),
    source: z.string().openapi({ description: "manual, or the alert integration that declared it" }),
    previousIncidentId: z.string().nullable(),
    acknowledgedAt: iso.nullable(),
    acknowledgedById: z.string().nullable(),
    resolvedAt: iso.nullable(),
    resolution: z.string().nullable(),
    lastUpdateAt: iso,
    version: z.number().int(),
    updatedAt: iso,
    mttaMs: z.number().nullable().openapi({ description: "declared → acknowledged, ms" }),
    mttrMs: z.number().nullable().openapi({ description: "declared → resolved, ms" }),
  })
  .openapi("Incident");

const updateSchema = z
  .object({
    id: z.string(),
    status: z.enum(INCIDENT_STATUSES),
    impact: z.string().nullable(),
    currentAction: z.string().nullable(),
    eta: iso.nullable(),
    componentStatus: z.enum(COMPONENT_STATUSES).nullable(),
    message: z.string(),
    public: z.boolean(),
    createdAt: iso,
    authorId: z.string(),
    author: user,
  })
  .openapi("IncidentUpdate");

const escalationSchema = z
  .object({
    level: z.number().int(),
    acknowledgedAt: iso.nullable(),
    nextLevel: z.number().int().nullable(),
    nextLevelAt: iso.nullable(),
    stopped: z.boolean(),
    policy: z.string().openapi({ description: 'which ladder of the escalation policy applies: "default", "severity:P1", "group:<name>"' }),
    levels: z.array(z.object({ level: z.number().int(), label: z.string(), dueAt: iso })).openapi({ description: "every level of that ladder for this incident (repeats expanded)" }),
    pages: z.array(
      z.object({
        level: z.number().int(),
        userId: z.string().nullable(),
        at: iso,
        role: z.string(),
        targetKey: z.string().openapi({ description: '"" for a rotation\'s on-call; "user:<id>" or "email:<address>" for a named person of a human escalation level' }),
        dueAt: iso,
        user: z.object({ id: z.string(), name: z.string() }).nullable(),
        channels: z.array(z.object({ channel: z.string(), status: z.string(), attempts: z.number().int() })).openapi({ description: "delivery of the page's outbox messages" }),
      }),
    ),
  })
  .openapi("IncidentEscalation");

const incidentDetailSchema = incidentSchema
  .extend({
    can: z.object({ update: z.boolean(), acknowledge: z.boolean(), resolve: z.boolean(), reopen: z.boolean(), reopenRefusal: z.string().nullable() }).openapi({ description: "what the caller may do with this incident now" }),
    declaredBy: user,
    acknowledgedBy: user.nullable(),
    alerts: z.array(
      z.object({
        id: z.string(),
        integrationId: z.string(),
        fingerprint: z.string(),
        status: z.enum(["firing", "resolved"]),
        startsAt: iso,
        endsAt: iso.nullable(),
        labels: z.record(z.string(), z.string()),
        summary: z.string(),
        generatorURL: z.string().nullable(),
        externalURL: z.string().nullable(),
      }),
    ),
    updates: z.array(updateSchema),
    escalation: escalationSchema,
    block: z.string().openapi({ description: "The Incident Communication block as plain text" }) })
  .openapi("IncidentDetail");

/** /api/v1/incidents, described with the same schemas the handlers parse with. */
export function registerOpenApi(registry: OpenAPIRegistry) {
  const idParam = z.object({ id: z.string().openapi({ description: "Incident id" }) });
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
  const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { "application/json": { schema } } });
  const tags = ["Incidents"];

  registerPath(registry, {
    method: "get",
    path: "/incidents",
    tags,
    summary: "List incidents: open first (P1 first, newest first), then resolved. Filters: status (comma list; `open`), severity, component, commander, q.",
    request: { query: paginationSchema.extend(listIncidentsQuerySchema.shape) },
    responses: { 200: json(listOf(incidentSchema), "A page of incidents") },
  });
  registerPath(registry, {
    method: "post",
    path: "/incidents",
    tags,
    summary: "Declare an incident (engineers). Starts Investigating; commander defaults to the SRE on call; pages escalation level 1 at once.",
    request: { body: body(declareIncidentSchema) },
    responses: { 201: json(incidentDetailSchema, "The declared incident") },
  });
  registerPath(registry, {
    method: "get",
    path: "/incidents/live",
    tags,
    summary: "Cheap poll for open dashboards: `stamp` changes whenever any incident or page changes; `openP1` lists up to 20 open P1 incidents",
    responses: {
      200: json(
        z
          .object({
            stamp: z.string(),
            openP1: z.array(
              z.object({ id: z.string(), number: z.number().int(), title: z.string(), status: z.enum(["Investigating", "Identified", "Fixing", "Resolved"]), declaredAt: z.string().datetime() }).strict(),
            ),
          })
          .strict()
          .openapi("IncidentsLive"),
        "The live stamp",
      ),
    },
  });
  registerPath(registry, {
    method: "get",
    path: "/incidents/{id}",
    tags,
    summary: "One incident with its timeline (`updates`, newest first) and `escalation`",
    request: { params: idParam },
    responses: { 200: json(incidentDetailSchema, "The incident") },
  });
  registerPath(registry, {
    method: "post",
    path: "/incidents/{id}/updates",
    tags,
    summary: "Post an update (status Investigating/Identified/Fixing in any order while open; impact, currentAction, eta, componentStatus override; message; public). Resolved only via /resolve (422 on a resolved incident).",
    request: { params: idParam, body: body(postIncidentUpdateSchema) },
    responses: { 201: json(incidentDetailSchema, "The incident after the update") },
  });
  registerPath(registry, {
    method: "post",
    path: "/incidents/{id}/acknowledge",
    tags,
    summary: "Acknowledge (any engineer): records acknowledgedAt/By once and stops escalation; repeating it changes nothing",
    request: { params: idParam },
    responses: { 200: json(incidentDetailSchema, "The incident") },
  });
  registerPath(registry, {
    method: "post",
    path: "/incidents/{id}/resolve",
    tags,
    summary: "Document & Close: `resolution` is required (400 without it); components return to their derived status",
    request: { params: idParam, body: body(resolveIncidentSchema) },
    responses: { 200: json(incidentDetailSchema, "The resolved incident") },
  });
  registerPath(registry, {
    method: "post",
    path: "/incidents/{id}/reopen",
    tags,
    summary: "Reopen a resolved incident (its commander or an ARCHITECT; others 403) with a reason; back to Investigating",
    request: { params: idParam, body: body(reopenIncidentSchema) },
    responses: { 200: json(incidentDetailSchema, "The reopened incident") },
  });
}
