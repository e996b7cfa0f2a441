import { OpenApiGeneratorV31, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { registerOpenApi as audit } from "@/lib/audit-log/openapi";
import { registerOpenApi as changes } from "@/lib/changes/openapi";
import { registerOpenApi as components } from "@/lib/components/openapi";
import { registerOpenApi as incidents } from "@/lib/incidents/openapi";
import { registerOpenApi as kpis } from "@/lib/kpis/openapi";
import { registerOpenApi as maintenance } from "@/lib/maintenance/openapi";
import { registerOpenApi as notify } from "@/lib/notify/openapi";
import { API_BASE } from "@/lib/http/openapi";
import { registerOpenApi as oncall } from "@/lib/oncall/openapi";
import { registerOpenApi as team } from "@/lib/oncall/team-openapi";
import { registerOpenApi as postmortems } from "@/lib/postmortems/openapi";
import { registerOpenApi as users } from "@/lib/users/openapi";

export const dynamic = "force-dynamic";

/** Every area's paths; a new area adds its `registerOpenApi` here. */
const AREAS = [changes, components, maintenance, incidents, postmortems, notify, oncall, team, kpis, users, audit];

/** OpenAPI 3.1 for /api/v1, generated from the zod schemas the handlers parse with (public: it describes, it exposes no data). */
export async function GET() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearerAuth", { type: "http", scheme: "bearer", description: "API token from Settings → API tokens" });
  registry.registerComponent("securitySchemes", "sessionCookie", { type: "apiKey", in: "cookie", name: "next-auth.session-token" });
  for (const register of AREAS) register(registry);
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "OpsGate API", version: "1.0.0", description: "Changes, incidents, maintenance, on-call. Errors: `{error: {code, message, fields}}`." },
    servers: [{ url: API_BASE }],
  });
  return Response.json(doc);
}
