import { apiRoute, readJson } from "@/lib/http/route";
import { requireVersion } from "@/lib/validation";
import { getIncident } from "@/lib/incidents/queries";
import { resolveIncident } from "@/lib/incidents/resolve-incident";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ req, actor, params }) => {
  const input = await readJson(req);
    requireVersion(input);
    await resolveIncident({ actor, id: params.id, input });
  return getIncident(params.id, new Date(), actor);
}, { permission: "incidents.resolve" });
