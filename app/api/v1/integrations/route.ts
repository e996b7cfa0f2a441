import { createIntegration, listIntegrations } from "@/lib/alerts/integrations";
import { apiRoute, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ actor }) => ({ data: await listIntegrations(actor), nextCursor: null }), { permission: "integrations.manage" });

/** Returns the key once, with the ready URL and config snippet. */
export const POST = apiRoute(async ({ req, actor }) => createIntegration({ actor, input: await readJson(req) }), { permission: "integrations.manage", status: 201 });
