import { apiRoute, readJson } from "@/lib/http/route";
import { requireVersion } from "@/lib/validation";
import { postIncidentUpdate } from "@/lib/incidents/post-incident-update";
import { getIncident } from "@/lib/incidents/queries";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  async ({ req, actor, params }) => {
    const input = await readJson(req);
    requireVersion(input);
    await postIncidentUpdate({ actor, id: params.id, input });
    return getIncident(params.id, new Date(), actor);
  },
  { permission: "incidents.update", status: 201 },
);
