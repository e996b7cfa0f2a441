import { asObject } from "@/lib/changes/load";
import { toChangeDto } from "@/lib/changes/queries";
import { transitionChange } from "@/lib/changes/transition-change";
import { apiRoute, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ req, actor, params }) => toChangeDto(await transitionChange({ actor, input: { ...asObject(await readJson(req)), id: params.id } }), actor), { permission: "changes.transition" });
