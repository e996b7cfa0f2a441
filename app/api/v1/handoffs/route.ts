import { paginationSchema, toPage } from "@/lib/http/pagination";
import { apiRoute, readQuery } from "@/lib/http/route";
import { listHandoffs } from "@/lib/oncall/handoffs";

export const dynamic = "force-dynamic";

/** `?rotationId=&mine=true`: handoff packets, newest handoff first. */
export const GET = apiRoute(async ({ req, actor }) => {
  const { limit, cursor, ...filters } = readQuery(req, paginationSchema.passthrough());
  return toPage(await listHandoffs(filters, { limit, cursor }, actor), limit, (p) => p.id);
});
