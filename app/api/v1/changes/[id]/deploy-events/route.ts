import { recordDeployEvent } from "@/lib/changes/deploy";
import { asObject } from "@/lib/changes/load";
import { toChangeDto } from "@/lib/changes/queries";
import { apiRoute, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ req, actor, params }) => toChangeDto(await recordDeployEvent({ actor, input: { ...asObject(await readJson(req)), id: params.id } }), actor), { permission: "changes.transition", status: 201 });
