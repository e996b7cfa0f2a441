import { apiRoute, readJson } from "@/lib/http/route";
import { cancelMaintenance } from "@/lib/maintenance/cancel-maintenance";

export const dynamic = "force-dynamic";

/** Cancels a scheduled or in-progress window: body `{version, reason}`; 422 once cancelled or ended. */
export const POST = apiRoute(async ({ req, actor, params }) => {
  const body = await readJson(req);
  return cancelMaintenance({ actor, input: { ...(typeof body === "object" && body ? body : {}), id: params.id } });
}, { permission: "maintenance.cancel" });
