import "server-only";
/**
 * Gauges read from the database when Prometheus scrapes (collect callbacks):
 * open incidents, the outbox, and the KPI figures for the last 30 days.
 * The KPI report comes from the shared KPI cache (lib/kpis/cache.ts): the
 * same numbers as the page and API, and a 15 s scrape interval rarely recomputes.
 */
import { db } from "@/lib/db/client";
import { resetKpiCache } from "@/lib/kpis/cache";
import { cachedKpiReport, type KpiReport } from "@/lib/kpis/report";
import { gauge } from "@/lib/metrics/registry";

// One report per scrape: every KPI gauge's collect() asks for it, the first computes (or takes it from
// the shared KPI cache, which the page and API also use), the others wait for the same promise.
let scrapeReport: { at: number; report: Promise<KpiReport> } | null = null;
function kpis(now: number): Promise<KpiReport> {
  if (!scrapeReport || now - scrapeReport.at > 1000) scrapeReport = { at: now, report: cachedKpiReport({ period: "30d" }, new Date(now)) };
  return scrapeReport.report;
}

/** Forgets cached KPI reports (tests). */
export function resetMetricsCache() {
  scrapeReport = null;
  resetKpiCache();
}

export function registerCollectors() {
  gauge<"severity" | "status">({
    name: "opsgate_incidents_open",
    help: "Open incidents by severity and status.",
    labelNames: ["severity", "status"],
    async collect() {
      const rows = await db.incident.groupBy({ by: ["severity", "status"], where: { resolvedAt: null }, _count: { _all: true } });
      this.reset();
      for (const r of rows) this.set({ severity: r.severity, status: r.status }, r._count._all);
    },
  });

  type OutboxRow = { channel: string; pending: bigint; failed: bigint; oldest: Date | null };
  const outbox = (): Promise<OutboxRow[]> => db.$queryRaw<OutboxRow[]>`
    SELECT channel::text AS channel, count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'failed') AS failed,
           min("createdAt") FILTER (WHERE status = 'pending') AS oldest
    FROM "OutboxMessage" WHERE status IN ('pending', 'failed') GROUP BY channel`;
  let outboxRows: Promise<OutboxRow[]> | null = null;
  // The three outbox gauges share one query per scrape.
  const outboxOnce = (): Promise<OutboxRow[]> => {
    const rows = outboxRows ?? outbox().finally(() => setTimeout(() => (outboxRows = null), 1000).unref());
    outboxRows = rows;
    return rows;
  };
  gauge<"channel">({
    name: "opsgate_outbox_pending_messages",
    help: "Outbox messages waiting for delivery, by channel.",
    labelNames: ["channel"],
    async collect() {
      this.reset();
      for (const r of await outboxOnce()) this.set({ channel: r.channel }, Number(r.pending));
    },
  });
  gauge<"channel">({
    name: "opsgate_outbox_oldest_pending_age_seconds",
    help: "Age of the oldest undelivered outbox message, by channel.",
    labelNames: ["channel"],
    async collect() {
      this.reset();
      const now = Date.now();
      for (const r of await outboxOnce()) if (r.oldest) this.set({ channel: r.channel }, Math.max(0, (now - r.oldest.getTime()) / 1000));
    },
  });
  gauge<"channel">({
    name: "opsgate_outbox_failed_messages",
    help: "Outbox messages that failed after every attempt, by channel.",
    labelNames: ["channel"],
    async collect() {
      this.reset();
      for (const r of await outboxOnce()) this.set({ channel: r.channel }, Number(r.failed));
    },
  });

  const kpiGauge = (name: string, help: string, pick: (r: KpiReport) => number | null) =>
    // Labelled, so a figure without data is absent rather than a misleading 0.
    gauge<"period">({
      name,
      help,
      labelNames: ["period"],
      async collect() {
        this.reset();
        const v = pick(await kpis(Date.now()));
        if (v !== null) this.set({ period: "30d" }, v);
      },
    });
  const fig = (r: KpiReport, key: string) => r.figures.find((f) => f.key === key)?.actual ?? null;
  const ratio = (v: number | null) => (v === null ? null : v / 100);
  const seconds = (minutes: number | null) => (minutes === null ? null : minutes * 60);
  kpiGauge("opsgate_kpi_availability_ratio", "Availability over the last 30 days (all components; target 0.999).", (r) => ratio(fig(r, "availability")));
  kpiGauge("opsgate_kpi_error_budget_remaining_ratio", "Share of the 30-day error budget left (negative: overspent).", (r) => ratio(r.availability.overall.errorBudgetLeftPercent));
  kpiGauge("opsgate_kpi_mtta_seconds", "Mean time to acknowledge, incidents declared in the last 30 days.", (r) => seconds(fig(r, "mtta")));
  kpiGauge("opsgate_kpi_mttr_seconds", "Mean time to recovery, incidents declared in the last 30 days (target < 1800).", (r) => seconds(fig(r, "mttr")));
  kpiGauge("opsgate_kpi_change_success_ratio", "Completed / (Completed + Failed + Rolled back), last 30 days (target > 0.95).", (r) => ratio(fig(r, "change_success")));
  kpiGauge("opsgate_kpi_detection_seconds", "Mean alert start → declared, alert-opened incidents of the last 30 days (target < 300).", (r) => seconds(fig(r, "detection")));
  kpiGauge("opsgate_kpi_iac_components_ratio", "Share of components managed as code.", (r) => ratio(fig(r, "iac_components")));
  kpiGauge("opsgate_kpi_iac_changes_ratio", "Share of the last 30 days' changes filed through API tokens.", (r) => ratio(fig(r, "iac_changes")));
  kpiGauge("opsgate_kpi_cost_change_ratio", "Cost change year over year of the months starting in the last 30 days (target <= -0.1).", (r) => ratio(fig(r, "cost_yoy")));
}
