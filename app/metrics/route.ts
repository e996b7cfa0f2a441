import { log } from "@/lib/log";
import { metricsAuthorized, scrapeMetrics } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

/** Prometheus exposition format (see lib/metrics). */
export async function GET(req: Request): Promise<Response> {
  if (!metricsAuthorized(req)) {
    return new Response("Unauthorized\n", { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"', "content-type": "text/plain" } });
  }
  try {
    const { body, contentType } = await scrapeMetrics();
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  } catch (error) {
    log.error({ err: error }, "metrics scrape failed");
    return new Response("Something went wrong\n", { status: 500, headers: { "content-type": "text/plain" } });
  }
}
