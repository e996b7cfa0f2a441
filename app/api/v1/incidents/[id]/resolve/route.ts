import { apiRoute, readJson } from "@/lib/http/route";
import { getIncident } from "@/lib/incidents/queries";
import { resolveIncident } from "@/lib/incidents/resolve-incident";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ req, actor, params }) => {
  await resolveIncident({ actor, id: params.id, input: await readJson(req) });
  return getIncident(params.id, new Date(), actor);
}, { permission: "incidents.resolve" });
