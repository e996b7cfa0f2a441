import { getDependencies, setDependencies } from "@/lib/changes/dependencies";
import { asObject } from "@/lib/changes/load";
import { apiRoute, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Simple component dependencies (issue 18): work on a component conflicts with work on what it depends on. */
export const GET = apiRoute(async ({ params }) => getDependencies(params.id));

export const PUT = apiRoute(async ({ req, actor, params }) => setDependencies({ actor, input: { ...asObject(await readJson(req)), id: params.id } }), { permission: "components.update" });
