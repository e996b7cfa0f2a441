import { apiRoute, readJson } from "@/lib/http/route";
import { getIncident } from "@/lib/incidents/queries";
import { reopenIncident } from "@/lib/incidents/reopen-incident";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ req, actor, params }) => {
  await reopenIncident({ actor, id: params.id, input: await readJson(req) });
  return getIncident(params.id, new Date(), actor);
}, { permission: "incidents.reopen" });
