import { asObject } from "@/lib/changes/load";
import { getChange, toChangeDto } from "@/lib/changes/queries";
import { updateChange } from "@/lib/changes/update-change";
import { apiRoute, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ actor, params }) => {
  return getChange(params.id, actor);
});

export const PATCH = apiRoute(async ({ req, actor, params }) => toChangeDto(await updateChange({ actor, input: { ...asObject(await readJson(req)), id: params.id } }), actor), { permission: "changes.edit" });
