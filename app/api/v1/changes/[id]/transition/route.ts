import { asObject } from "@/lib/changes/load";
import { toChangeDto } from "@/lib/changes/queries";
import { transitionChange } from "@/lib/changes/transition-change";
import { apiRoute, readJson } from "@/lib/http/route";
import { requireVersion } from "@/lib/validation";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ req, actor, params }) => {
  const input = { ...asObject(await readJson(req)), id: params.id };
  requireVersion(input);
  return toChangeDto(await transitionChange({ actor, input }), actor);
}, { permission: "changes.transition" });
