import { asObject } from "@/lib/changes/load";
import { getTemplate, updateTemplate } from "@/lib/changes/templates";
import { apiRoute, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ params }) => getTemplate(params.id));

export const PATCH = apiRoute(async ({ req, actor, params }) => updateTemplate({ actor, input: { ...asObject(await readJson(req)), id: params.id } }), { permission: "templates.manage" });
