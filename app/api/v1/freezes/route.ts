import { createFreeze, listFreezes } from "@/lib/changes/freezes";
import { apiRoute, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => ({ items: await listFreezes() }));

export const POST = apiRoute(async ({ req, actor }) => createFreeze({ actor, input: await readJson(req) }), { permission: "freezes.manage", status: 201 });
