import { apiRoute, readJson } from "@/lib/http/route";
import { deleteFollowUp, updateFollowUp } from "@/lib/postmortems/commands";
import { getPostmortem } from "@/lib/postmortems/queries";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute(async ({ req, actor, params }) => {
  await updateFollowUp({ actor, postmortemId: params.id, actionId: params.actionId, input: await readJson(req) });
  return getPostmortem(params.id, actor);
}, { permission: "postmortems.edit" });

export const DELETE = apiRoute(async ({ actor, params }) => {
  await deleteFollowUp({ actor, postmortemId: params.id, actionId: params.actionId });
  return getPostmortem(params.id, actor);
}, { permission: "postmortems.edit" });
