import { ingestRoute } from "@/lib/alerts/http";
import { receivePagerDutyChange } from "@/lib/alerts/pagerduty-change";

export const dynamic = "force-dynamic";

/** PagerDuty Change Events (`routing_key`, `payload{summary, source, timestamp, custom_details}`, `links`): 202 as PagerDuty answers. */
export const POST = ingestRoute("pagerduty", async (req) => {
  await receivePagerDutyChange(req);
  return Response.json({ status: "success", message: "Change event processed" }, { status: 202 });
});
