import { ingestRoute } from "@/lib/alerts/http";
import { receiveAlertmanager } from "@/lib/alerts/receive";

export const dynamic = "force-dynamic";

export const POST = ingestRoute("alertmanager", async (req, params) => Response.json(await receiveAlertmanager(req, params.key ?? null)));
