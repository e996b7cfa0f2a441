import { apiRoute, readJson } from "@/lib/http/route";
import { deleteRotation, getRotation, updateRotation } from "@/lib/oncall/rotations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ params }) => {
  return getRotation(params.id);
});

export const PATCH = apiRoute(async ({ req, actor, params }) => {
  const body = await readJson(req);
  return updateRotation({ actor, input: { ...(typeof body === "object" && body ? body : {}), id: params.id } });
}, { permission: "rotations.manage" });

/** ARCHITECT; 422 when it is the primary rotation and nothing else would cover level 1. */
export const DELETE = apiRoute(async ({ actor, params }) => deleteRotation({ actor, input: { id: params.id } }), { permission: "rotations.delete" });
