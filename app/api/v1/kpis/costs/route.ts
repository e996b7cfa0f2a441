import { apiRoute, readJson, readQuery } from "@/lib/http/route";
import { listCosts } from "@/lib/kpis/costs-read";
import { recordCosts } from "@/lib/kpis/record-costs";
import { costListSchema } from "@/lib/kpis/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ req, actor }) => listCosts({ actor, query: readQuery(req, costListSchema) }), { permission: "kpis.read" });

/** One entry `{group, month, amount, currency?, note?}` or `{entries: [...]}` (a billing export). */
export const POST = apiRoute(async ({ req, actor }) => recordCosts({ actor, input: await readJson(req) }), { permission: "costs.manage", status: 201 });
