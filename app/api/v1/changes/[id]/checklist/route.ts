import { asObject } from "@/lib/changes/load";
import { toChangeDto } from "@/lib/changes/queries";
import { setReadinessItem } from "@/lib/changes/set-readiness-item";
import { apiRoute, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ req, actor, params }) => toChangeDto(await setReadinessItem({ actor, input: { ...asObject(await readJson(req)), id: params.id } }), actor), { permission: "changes.checklist" });
