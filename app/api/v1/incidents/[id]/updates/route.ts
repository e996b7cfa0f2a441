import { apiRoute, readJson } from "@/lib/http/route";
import { postIncidentUpdate } from "@/lib/incidents/post-incident-update";
import { getIncident } from "@/lib/incidents/queries";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  async ({ req, actor, params }) => {
    await postIncidentUpdate({ actor, id: params.id, input: await readJson(req) });
    return getIncident(params.id, new Date(), actor);
  },
  { permission: "incidents.update", status: 201 },
);
