import { ingestRoute } from "@/lib/alerts/http";
import { receiveHeartbeat } from "@/lib/alerts/receive";

export const dynamic = "force-dynamic";

const ping = ingestRoute("heartbeat", async (_req, params) => Response.json(await receiveHeartbeat(params.key ?? null)));
export const POST = ping;
export const GET = ping;
