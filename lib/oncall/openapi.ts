import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { paginationSchema } from "@/lib/http/pagination";
import { listOf, registerPath, z } from "@/lib/http/openapi";
import {
  createOverrideSchema,
  createRotationSchema,
  listOverridesQuerySchema,
  onCallNowSchema,
  overrideSchema,
  previewResultSchema,
  previewSchema,
  rotationSchema,
  updateRotationSchema,
} from "@/lib/oncall/schemas";
import { escalationPolicyDocumentSchema, saveEscalationPolicySchema } from "@/lib/oncall/policy-schemas";

const policyViewSchema = z
  .object({
    policy: escalationPolicyDocumentSchema,
    version: z.number().int().openapi({ description: "0 while the default (the seed's ladder with OPSGATE_ESCALATION_STEPS) applies; send it back with PUT" }),
    isDefault: z.boolean(),
    updatedAt: z.string().nullable(),
    updatedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .openapi("EscalationPolicyView");

/** /api/v1/oncall, /rotations and /overrides, from the schemas the handlers parse with. */
export function registerOpenApi(registry: OpenAPIRegistry) {
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
  const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
  const idParam = (what: string) => z.object({ id: z.string().openapi({ description: `${what} id` }) });

  registerPath(registry, {
    method: "get",
    path: "/oncall/now",
    tags: ["On-call"],
    summary: "Who is on call now: primary (SRE), secondary (SYSADMIN), each rotation and its next handoff",
    responses: { 200: json(onCallNowSchema, "On call now") },
  });
  registerPath(registry, {
    method: "get",
    path: "/oncall/preview",
    tags: ["On-call"],
    summary: "Escalation preview: who would be paged at each level for an incident on the component declared at `at`",
    request: { query: previewSchema },
    responses: { 200: json(previewResultSchema, "One step per level and role") },
  });
  registerPath(registry, {
    method: "get",
    path: "/escalation-policy",
    tags: ["On-call"],
    summary: "The escalation policy: the ladder (levels, delays, targets, severities, repeats), per-severity and per-group overrides",
    responses: { 200: json(policyViewSchema, "The policy in force") },
  });
  registerPath(registry, {
    method: "put",
    path: "/escalation-policy",
    tags: ["On-call"],
    summary: "Replace the escalation policy (ARCHITECT). Body carries the version read (409 when stale). Open incidents follow it from the next tick; levels already paged are never paged again.",
    request: body(saveEscalationPolicySchema),
    responses: { 200: json(policyViewSchema, "The saved policy") },
  });
  registerPath(registry, {
    method: "get",
    path: "/rotations",
    tags: ["On-call"],
    summary: "List rotations with ordered members",
    request: { query: paginationSchema },
    responses: { 200: json(listOf(rotationSchema), "A page of rotations") },
  });
  registerPath(registry, {
    method: "post",
    path: "/rotations",
    tags: ["On-call"],
    summary: "Create a rotation (ARCHITECT). handoffMinuteUtc: minutes after 00:00 UTC or \"HH:MM\".",
    request: body(createRotationSchema),
    responses: { 201: json(rotationSchema, "The created rotation") },
  });
  registerPath(registry, {
    method: "get",
    path: "/rotations/{id}",
    tags: ["On-call"],
    summary: "Get one rotation",
    request: { params: idParam("Rotation") },
    responses: { 200: json(rotationSchema, "The rotation") },
  });
  registerPath(registry, {
    method: "patch",
    path: "/rotations/{id}",
    tags: ["On-call"],
    summary: "Edit a rotation (ARCHITECT); memberIds replaces the members in that order",
    request: { params: idParam("Rotation"), ...body(updateRotationSchema) },
    responses: { 200: json(rotationSchema, "The updated rotation") },
  });
  registerPath(registry, {
    method: "get",
    path: "/overrides",
    tags: ["On-call"],
    summary: "List overrides ending after `from` (default now)",
    request: { query: paginationSchema.extend(listOverridesQuerySchema.shape) },
    responses: { 200: json(listOf(overrideSchema), "A page of overrides") },
  });
  registerPath(registry, {
    method: "post",
    path: "/overrides",
    tags: ["On-call"],
    summary: "Cover a rotation for a time range: any engineer for themselves, ARCHITECT for anyone; overlaps are refused (409)",
    request: body(createOverrideSchema),
    responses: { 201: json(overrideSchema, "The created override") },
  });
  registerPath(registry, {
    method: "delete",
    path: "/overrides/{id}",
    tags: ["On-call"],
    summary: "Remove an override (the covering person, its creator or ARCHITECT)",
    request: { params: idParam("Override") },
    responses: { 200: json(z.object({ id: z.string() }), "Removed") },
  });
}
