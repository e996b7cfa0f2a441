import { assertCan } from "@/lib/auth/permissions";
import { apiRoute } from "@/lib/http/route";
import { getIncident } from "@/lib/incidents/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ actor, params }) => {
  assertCan(actor, "dashboard.read");
  return getIncident(params.id);
});
