import { apiRoute } from "@/lib/http/route";
import { getIncident } from "@/lib/incidents/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ actor, params }) => {
  return getIncident(params.id, new Date(), actor);
});
