import { ingestRoute } from "@/lib/alerts/http";
import { receiveGeneric } from "@/lib/alerts/receive";

export const dynamic = "force-dynamic";

export const POST = ingestRoute("generic", async (req, params) => Response.json(await receiveGeneric(req, params.key ?? null)));
