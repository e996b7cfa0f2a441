import { extendZodWithOpenApi, type OpenAPIRegistry, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

extendZodWithOpenApi(z);

/**
 * Shared OpenAPI helpers (zod with `.openapi()`, the error shape, the standard
 * responses). Each area registers its paths in `lib/<area>/openapi.ts`; the
 * document is assembled where it is served (app/api/v1/openapi.json/route.ts),
 * so no area module imports the assembler back.
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

/** The document's `servers[0].url`; every registered path is relative to it. */
export const API_BASE = "/api/v1";

/**
 * Registers a path with the standard error responses and bearer security.
 * Paths are relative to `API_BASE` (`/changes`, not `/api/v1/changes`): a
 * generated client joins `servers[0].url` and the path, so a prefixed path
 * would be called as `/api/v1/api/v1/…`.
 */
export function registerPath(registry: OpenAPIRegistry, route: RouteConfig) {
  if (!route.path.startsWith("/") || route.path.startsWith(`${API_BASE}/`) || route.path.startsWith("/api/")) {
    throw new Error(`OpenAPI path ${route.path} must be relative to servers[0].url (${API_BASE}), e.g. "/changes"`);
  }
  registry.registerPath({
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    ...route,
    responses: { ...errorResponses, ...route.responses },
  });
}

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

export { z };

/** `version` as every state-change body documents it: required (400 naming it when missing), 409 when stale (issue 11). */
export const versionBody = { version: z.number().int().min(1).openapi({ description: "the version of the resource the client saw; required (400 naming `version` when missing), 409 `conflict` when it is no longer current" }) };
