import { revokeIntegration, updateIntegration } from "@/lib/alerts/integrations";
import { apiRoute, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute(async ({ req, actor, params }) => updateIntegration({ actor, id: params.id, input: await readJson(req) }), { permission: "integrations.manage" });

/** Revokes the key (the record and its alerts stay for history). */
export const DELETE = apiRoute(async ({ actor, params }) => revokeIntegration({ actor, id: params.id }), { permission: "integrations.manage" });
