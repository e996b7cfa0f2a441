import { apiRoute, readJson } from "@/lib/http/route";
import { getMaintenance } from "@/lib/maintenance/queries";
import { updateMaintenance } from "@/lib/maintenance/update-maintenance";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ params }) => getMaintenance(params.id));

export const PATCH = apiRoute(async ({ req, actor, params }) => {
  const body = await readJson(req);
  return updateMaintenance({ actor, input: { ...(typeof body === "object" && body ? body : {}), id: params.id } });
}, { permission: "maintenance.update" });
