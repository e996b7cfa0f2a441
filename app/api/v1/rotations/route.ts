import { paginationSchema, toPage } from "@/lib/http/pagination";
import { apiRoute, readJson, readQuery } from "@/lib/http/route";
import { createRotation, listRotations } from "@/lib/oncall/rotations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ req }) => {
  const { limit, cursor } = readQuery(req, paginationSchema);
  const all = await listRotations();
  const start = cursor ? all.findIndex((r) => r.id === cursor) + 1 : 0;
  return toPage(all.slice(start, start + limit + 1), limit, (r) => r.id);
});

export const POST = apiRoute(async ({ req, actor }) => createRotation({ actor, input: await readJson(req) }), { permission: "rotations.manage", status: 201 });
