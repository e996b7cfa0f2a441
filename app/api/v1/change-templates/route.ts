import { createTemplate, listTemplates } from "@/lib/changes/templates";
import { apiRoute, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Standard change templates (issue 18): everyone signed in reads them; ARCHITECT maintains them. */
export const GET = apiRoute(async () => ({ items: await listTemplates() }));

export const POST = apiRoute(async ({ req, actor }) => createTemplate({ actor, input: await readJson(req) }), { permission: "templates.manage", status: 201 });
