import { paginationSchema, toPage } from "@/lib/http/pagination";
import { apiRoute, readJson, readQuery } from "@/lib/http/route";
import { listSwaps, proposeSwap } from "@/lib/oncall/swaps";

export const dynamic = "force-dynamic";

/** `?status=&rotationId=&mine=true`: shift swaps, newest first (`mine`: those the caller proposed or received). */
export const GET = apiRoute(async ({ req, actor }) => {
  const { limit, cursor, mine, ...filters } = readQuery(req, paginationSchema.passthrough());
  const rows = await listSwaps(filters, { limit, cursor }, mine === "true" ? { userId: actor.id } : {});
  return toPage(rows, limit, (s) => s.id);
});

export const POST = apiRoute(async ({ req, actor }) => proposeSwap({ actor, input: await readJson(req) }), { permission: "swaps.propose", status: 201 });
