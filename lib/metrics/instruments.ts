/** Metrics observed where things happen (per process). Those read from the database live in collectors.ts. */
import { counter, histogram } from "@/lib/metrics/registry";

export const httpRequestDuration = () =>
  histogram<"method" | "route" | "status">({
    name: "opsgate_http_request_duration_seconds",
    help: "Duration of HTTP requests answered by the app server (pages, API, metrics, assets), by Next route pattern, method and status code.",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5],
  });

export const escalationPages = () => counter<"level">({ name: "opsgate_escalation_pages_total", help: "Escalation pages sent by this instance, by level.", labelNames: ["level"] });

export const pageLatency = () =>
  histogram({
    name: "opsgate_escalation_page_latency_seconds",
    help: "Time from a page's due time to when it was sent.",
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300],
  });

export const loginFailures = () => counter({ name: "opsgate_login_failures_total", help: "Failed sign-in attempts seen by this instance." });

export const alertDeliveries = () =>
  counter<"kind" | "outcome">({
    name: "opsgate_alert_deliveries_total",
    help: "Alert deliveries ingested by this instance, by integration kind and outcome (opened, added, resolved, suppressed, duplicate, failed).",
    labelNames: ["kind", "outcome"],
  });

/** What one ingested delivery did, for the alert-delivery counter (the first that applies). */
export function deliveryOutcome(r: { opened: boolean; newAlerts: number; resolvedAlerts: number; suppressed: number }): string {
  if (r.opened) return "opened";
  if (r.newAlerts > 0) return "added";
  if (r.resolvedAlerts > 0) return "resolved";
  if (r.suppressed > 0) return "suppressed";
  return "duplicate";
}

/** Counts an ingest once it has committed (or failed). */
export async function countAlertDelivery<T extends { opened: boolean; newAlerts: number; resolvedAlerts: number; suppressed: number }>(kind: string, work: Promise<T>): Promise<T> {
  try {
    const r = await work;
    alertDeliveries().inc({ kind, outcome: deliveryOutcome(r) });
    return r;
  } catch (e) {
    alertDeliveries().inc({ kind, outcome: "failed" });
    throw e;
  }
}
