import { updateComponent } from "@/lib/components/update-component";
import { getComponent } from "@/lib/components/queries";
import { apiRoute, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ params }) => getComponent(params.id));

export const PATCH = apiRoute(async ({ req, actor, params }) => updateComponent({ actor, id: params.id, input: await readJson(req) }), { permission: "components.update" });
