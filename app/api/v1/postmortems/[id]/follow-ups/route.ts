import { apiRoute, readJson } from "@/lib/http/route";
import { createFollowUp } from "@/lib/postmortems/commands";
import { getPostmortem } from "@/lib/postmortems/queries";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ req, actor, params }) => {
  await createFollowUp({ actor, postmortemId: params.id, input: await readJson(req) });
  return getPostmortem(params.id, actor);
}, { permission: "postmortems.edit", status: 201 });
