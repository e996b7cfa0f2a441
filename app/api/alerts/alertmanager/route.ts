import { bearerKey, ingestRoute } from "@/lib/alerts/http";
import { receiveAlertmanager } from "@/lib/alerts/receive";

export const dynamic = "force-dynamic";

/** Alertmanager webhook v4 with `http_config.authorization` (Bearer key). */
export const POST = ingestRoute("alertmanager", async (req) => Response.json(await receiveAlertmanager(req, bearerKey(req))));
