import { paginationSchema, toPage } from "@/lib/http/pagination";
import { apiRoute, readJson, readQuery } from "@/lib/http/route";
import { createOverride, listOverrides } from "@/lib/oncall/overrides";

export const dynamic = "force-dynamic";

/** `?rotationId=&from=&to=`: overrides ending after `from` (default now). */
export const GET = apiRoute(async ({ req }) => {
  const page = readQuery(req, paginationSchema.passthrough());
  const { limit, cursor, ...filters } = page;
  const rows = await listOverrides(filters, { limit, cursor });
  return toPage(rows, limit, (o) => o.id);
});

export const POST = apiRoute(async ({ req, actor }) => createOverride({ actor, input: await readJson(req) }), { permission: "overrides.create", status: 201 });
