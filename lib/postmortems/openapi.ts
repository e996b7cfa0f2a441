import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { registerPath, z } from "@/lib/http/openapi";
import { createFollowUpSchema, listPostmortemsQuerySchema, transitionPostmortemSchema, updateFollowUpSchema, updatePostmortemSchema } from "./schemas";
import { POSTMORTEM_STATUSES } from "./state-machine";

const iso = z.string().openapi({ format: "date-time" });
const who = z.object({ id: z.string(), name: z.string() });
const status = z.enum(POSTMORTEM_STATUSES);
const ms = z.number().nullable();

export const postmortemSchema = z
  .object({
    id: z.string(),
    status,
    statusLabel: z.string(),
    required: z.boolean().openapi({ description: "required by OPSGATE_POSTMORTEM_REQUIRED" }),
    owner: who.nullable(),
    dueAt: iso,
    publishedAt: iso.nullable(),
    version: z.number().int(),
    createdAt: iso,
    updatedAt: iso,
    incident: z.object({ id: z.string(), number: z.number().int(), title: z.string(), severity: z.string(), declaredAt: iso, resolvedAt: iso.nullable(), resolution: z.string().nullable() }),
    sections: z.object({ summary: z.string(), impact: z.string(), rootCause: z.string(), wentWell: z.string(), wentWrong: z.string() }),
    timeline: z.array(z.object({ at: iso, kind: z.string(), text: z.string() })).openapi({ description: "pre-filled from the incident, oldest first" }),
    durations: z.object({ detectionMs: ms, acknowledgeMs: ms, mitigateMs: ms, resolveMs: ms, customerImpactMs: ms }),
    components: z.array(who),
    suspectChanges: z.array(z.object({ id: z.string(), number: z.number().int(), description: z.string(), status: z.string() })).openapi({ description: "in progress, or completed in the 24 h before impact, on the incident's components" }),
    maintenance: z.array(z.object({ id: z.string(), title: z.string(), windowStart: iso, windowEnd: iso })),
    followUps: z.array(z.object({ id: z.string(), title: z.string(), owner: who.nullable(), dueAt: iso.nullable(), status: z.enum(["Open", "Done"]), change: z.object({ id: z.string(), number: z.number().int() }).nullable() })),
    can: z.object({ edit: z.boolean(), transitions: z.array(status).openapi({ description: "statuses the caller may move it to now" }) }),
  })
  .openapi("Postmortem");

const listItem = z
  .object({
    id: z.string(),
    status,
    owner: who.nullable(),
    dueAt: iso,
    publishedAt: iso.nullable(),
    incident: z.object({ id: z.string(), number: z.number().int(), title: z.string(), severity: z.string() }),
    openFollowUps: z.number().int(),
  })
  .openapi("PostmortemListItem");

/** /api/v1/postmortems, described with the schemas the handlers parse with. */
export function registerOpenApi(registry: OpenAPIRegistry) {
  const tags = ["Postmortems"];
  const idParam = z.object({ id: z.string().openapi({ description: "Postmortem id" }) });
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
  const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { "application/json": { schema } } });
  registerPath(registry, {
    method: "get",
    path: "/postmortems",
    tags,
    summary: "List postmortems (unpublished first, by due date); filter by status",
    request: { query: listPostmortemsQuerySchema },
    responses: { 200: json(z.object({ items: z.array(listItem) }), "Postmortems") },
  });
  registerPath(registry, {
    method: "get",
    path: "/postmortems/{id}",
    tags,
    summary: "One postmortem with its pre-filled timeline, durations, suspect changes, maintenance windows and follow-ups",
    request: { params: idParam },
    responses: { 200: json(postmortemSchema, "The postmortem") },
  });
  registerPath(registry, {
    method: "get",
    path: "/postmortems/{id}.md",
    tags,
    summary: "The postmortem as a Markdown download",
    request: { params: idParam },
    responses: { 200: { description: "Markdown", content: { "text/markdown": { schema: z.string() } } } },
  });
  registerPath(registry, {
    method: "patch",
    path: "/postmortems/{id}",
    tags,
    summary: "Edit sections or the owner (engineers), with the `version` the edit is based on (409 if stale). Edits after publishing are audited as such.",
    request: { params: idParam, body: body(updatePostmortemSchema) },
    responses: { 200: json(postmortemSchema, "The postmortem after the edit") },
  });
  registerPath(registry, {
    method: "post",
    path: "/postmortems/{id}/transition",
    tags,
    summary: "Draft → InReview → Published (InReview → Draft sends it back). Summary, impact and root cause must be written (422 naming the field); publishing is the owner's or an architect's (403).",
    request: { params: idParam, body: body(transitionPostmortemSchema) },
    responses: { 200: json(postmortemSchema, "The postmortem in its new status") },
  });
  registerPath(registry, {
    method: "post",
    path: "/postmortems/{id}/follow-ups",
    tags,
    summary: "Add a follow-up action (title, owner, due date, status, optional change request)",
    request: { params: idParam, body: body(createFollowUpSchema) },
    responses: { 201: json(postmortemSchema, "The postmortem with the new action") },
  });
  const actionParams = idParam.extend({ actionId: z.string().openapi({ description: "Follow-up action id" }) });
  registerPath(registry, {
    method: "patch",
    path: "/postmortems/{id}/follow-ups/{actionId}",
    tags,
    summary: "Edit a follow-up action",
    request: { params: actionParams, body: body(updateFollowUpSchema) },
    responses: { 200: json(postmortemSchema, "The postmortem after the edit") },
  });
  registerPath(registry, {
    method: "delete",
    path: "/postmortems/{id}/follow-ups/{actionId}",
    tags,
    summary: "Remove a follow-up action",
    request: { params: actionParams },
    responses: { 200: json(postmortemSchema, "The postmortem without the action") },
  });
}
