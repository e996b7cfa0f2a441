import { asObject } from "@/lib/changes/load";
import { toChangeDto } from "@/lib/changes/queries";
import { fileFromTemplate } from "@/lib/changes/templates";
import { apiRoute, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Files a Standard change from the template (Draft, or with `submit: true` Submitted / Scheduled). */
export const POST = apiRoute(async ({ req, actor, params }) => toChangeDto(await fileFromTemplate({ actor, input: { ...asObject(await readJson(req)), templateId: params.id } }), actor), {
  permission: "changes.create",
  status: 201,
});
