import { apiRoute, readJson } from "@/lib/http/route";
import { updatePostmortem } from "@/lib/postmortems/commands";
import { getPostmortem, postmortemMarkdown } from "@/lib/postmortems/queries";

export const dynamic = "force-dynamic";

/** `/postmortems/{id}` as JSON; `/postmortems/{id}.md` as the Markdown export. */
export const GET = apiRoute(async ({ actor, params }) => {
  if (params.id.endsWith(".md")) {
    const { filename, markdown } = await postmortemMarkdown(params.id.slice(0, -3), actor);
    return new Response(markdown, { headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` } });
  }
  return getPostmortem(params.id, actor);
}, { permission: "postmortems.read" });

export const PATCH = apiRoute(async ({ req, actor, params }) => {
  await updatePostmortem({ actor, id: params.id, input: await readJson(req) });
  return getPostmortem(params.id, actor);
}, { permission: "postmortems.edit" });
