import { apiRoute, readJson } from "@/lib/http/route";
import { transitionPostmortem } from "@/lib/postmortems/commands";
import { getPostmortem } from "@/lib/postmortems/queries";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ req, actor, params }) => {
  await transitionPostmortem({ actor, id: params.id, input: await readJson(req) });
  return getPostmortem(params.id, actor);
}, { permission: "postmortems.edit" });
