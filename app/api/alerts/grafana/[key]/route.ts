import { ingestRoute } from "@/lib/alerts/http";
import { receiveGrafana } from "@/lib/alerts/receive";

export const dynamic = "force-dynamic";

export const POST = ingestRoute("grafana", async (req, params) => Response.json(await receiveGrafana(req, params.key ?? null)));
