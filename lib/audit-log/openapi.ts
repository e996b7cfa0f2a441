import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { registerPath } from "@/lib/http/openapi";
import { auditListQuerySchema, auditListSchema } from "@/lib/audit-log/schemas";

/** GET /api/v1/audit, described with the schema the handler parses with. */
export function registerOpenApi(registry: OpenAPIRegistry) {
  registerPath(registry, {
    method: "get",
    path: "/audit",
    tags: ["Audit"],
    summary: "The audit log, newest first (ARCHITECT): filter by entity, entityId and action; cursor-paginated (nextCursor); verify=true also returns the hash-chain verification of the whole log",
    request: { query: auditListQuerySchema },
    responses: { 200: { description: "A page of audit entries", content: { "application/json": { schema: auditListSchema } } } },
  });
}
