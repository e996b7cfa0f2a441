import { extendZodWithOpenApi, OpenApiGeneratorV31, OpenAPIRegistry, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

extendZodWithOpenApi(z);

/**
 * OpenAPI 3.1 for /api/v1, generated from the same zod schemas the handlers
 * parse with. Each area registers its paths in `lib/<area>/openapi.ts` and
 * adds that module to AREAS below, so this file stays the single assembler.
 */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(["validation_failed", "unauthenticated", "forbidden", "not_found", "conflict", "gate_blocked", "internal"]),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .openapi("Error");

const errorResponses = {
  400: { description: "Validation failed (`fields` names each bad field)", content: { "application/json": { schema: errorSchema } } },
  401: { description: "No or bad session/token", content: { "application/json": { schema: errorSchema } } },
  403: { description: "The caller's role may not do this", content: { "application/json": { schema: errorSchema } } },
  404: { description: "No such record", content: { "application/json": { schema: errorSchema } } },
  409: { description: "Stale version or duplicate", content: { "application/json": { schema: errorSchema } } },
  422: { description: "A gate or state-machine rule refuses", content: { "application/json": { schema: errorSchema } } },
};

/** Registers a path with the standard error responses and bearer security. */
export function registerPath(registry: OpenAPIRegistry, route: RouteConfig) {
  registry.registerPath({
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    ...route,
    responses: { ...errorResponses, ...route.responses },
  });
}

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

type Area = (registry: OpenAPIRegistry) => void;
const AREAS: (() => Promise<{ registerOpenApi: Area }>)[] = [
  () => import("@/lib/changes/openapi"),
  () => import("@/lib/components/openapi"),
  () => import("@/lib/maintenance/openapi"),
  () => import("@/lib/incidents/openapi"),
  () => import("@/lib/notify/openapi"),
  () => import("@/lib/oncall/openapi"),
];

export async function buildOpenApiDocument(serverUrl = "/") {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearerAuth", { type: "http", scheme: "bearer", description: "API token from Settings → API tokens" });
  registry.registerComponent("securitySchemes", "sessionCookie", { type: "apiKey", in: "cookie", name: "next-auth.session-token" });
  for (const load of AREAS) (await load()).registerOpenApi(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "OpsGate API", version: "1.0.0", description: "Changes, incidents, maintenance, on-call. Errors: `{error: {code, message, fields}}`." },
    servers: [{ url: serverUrl }],
  });
}

export { z };
