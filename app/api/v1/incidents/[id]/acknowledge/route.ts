import { apiRoute } from "@/lib/http/route";
import { acknowledgeIncident } from "@/lib/incidents/acknowledge-incident";
import { getIncident } from "@/lib/incidents/queries";

export const dynamic = "force-dynamic";

/** No body needed; acknowledging twice is not an error (the first acknowledgement stands). */
export const POST = apiRoute(async ({ actor, params }) => {
  await acknowledgeIncident({ actor, id: params.id });
  return getIncident(params.id, new Date(), actor);
}, { permission: "incidents.acknowledge" });
