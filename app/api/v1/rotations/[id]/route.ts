import { apiRoute, readJson } from "@/lib/http/route";
import { getRotation, updateRotation } from "@/lib/oncall/rotations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ params }) => {
  return getRotation(params.id);
});

export const PATCH = apiRoute(async ({ req, actor, params }) => {
  const body = await readJson(req);
  return updateRotation({ actor, input: { ...(typeof body === "object" && body ? body : {}), id: params.id } });
}, { permission: "rotations.manage" });
