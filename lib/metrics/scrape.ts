import { timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { alertDeliveries, escalationPages, httpRequestDuration, loginFailures, pageLatency } from "@/lib/metrics/instruments";
import { registerCollectors } from "@/lib/metrics/collectors";
import { registry } from "@/lib/metrics/registry";

let registered = false;

/**
 * `GET /metrics`: a Bearer token when OPSGATE_METRICS_TOKEN is set; without
 * one, public only if OPSGATE_METRICS_PUBLIC=true, else 401 for everyone.
 */
export function metricsAuthorized(req: Request, env = getEnv()): boolean {
  if (!env.OPSGATE_METRICS_TOKEN) return env.OPSGATE_METRICS_PUBLIC;
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
  if (!m) return false;
  const a = Buffer.from(m[1]);
  const b = Buffer.from(env.OPSGATE_METRICS_TOKEN);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function scrapeMetrics(): Promise<{ body: string; contentType: string }> {
  if (!registered) {
    registered = true;
    registerCollectors();
    // Present from the first scrape, even before anything was observed.
    httpRequestDuration();
    escalationPages();
    pageLatency();
    loginFailures();
    alertDeliveries();
  }
  const r = registry();
  return { body: await r.metrics(), contentType: r.contentType };
}
