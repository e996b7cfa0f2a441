/**
 * The KPI report's tables as CSV (RFC 4180: CRLF, fields quoted when they
 * hold a comma, quote or line break). Text that a spreadsheet would run as a
 * formula (=, +, -, @ first) is prefixed with an apostrophe; numbers are not text.
 */
import type { KpiReport } from "@/lib/kpis/report";
import type { KpiTable } from "@/lib/kpis/schemas";
import type { DurationStats } from "@/lib/kpis/stats";

type Cell = string | number | boolean | null;

function cell(v: Cell): string {
  if (v === null) return "";
  if (typeof v !== "string") return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

const min = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 1000) / 1000);
const pct = (p: number | null) => (p === null ? null : Math.round(p * 10_000) / 10_000);
const stat = (s: DurationStats) => [s.count, min(s.meanMs), min(s.medianMs), min(s.p90Ms)];

export function kpiCsv(r: KpiReport, table: KpiTable): string {
  switch (table) {
    case "summary":
      return toCsv(
        ["kpi", "label", "unit", "target", "actual", "previous", "trend", "state"],
        r.figures.map((f) => [f.key, f.label, f.unit, `${f.target.op} ${f.target.value}`, pct(f.actual), pct(f.previous), pct(f.trend), f.state]),
      );
    case "availability":
      return toCsv(
        ["component_id", "component", "group", "availability_percent", "downtime_minutes", "maintenance_minutes", "observed_minutes", "error_budget_left_minutes", "error_budget_left_percent", "incidents"],
        r.availability.components.map((c) => [c.id, c.name, c.group, pct(c.availability), min(c.downtimeMs), min(c.maintenanceMs), min(c.observedMs), min(c.errorBudgetLeftMs), pct(c.errorBudgetLeftPercent), c.incidentIds.length]),
      );
    case "groups":
      return toCsv(
        ["group", "availability_percent", "downtime_minutes", "maintenance_minutes", "observed_minutes", "error_budget_left_minutes", "error_budget_left_percent"],
        [...r.availability.groups.map((g) => ({ name: g.group, ...g })), { name: "(overall)", ...r.availability.overall }].map((g) => [g.name, pct(g.availability), min(g.downtimeMs), min(g.maintenanceMs), min(g.observedMs), min(g.errorBudgetLeftMs), pct(g.errorBudgetLeftPercent)]),
      );
    case "response":
      return toCsv(
        ["severity", "declared", "acknowledged", "mtta_mean_minutes", "mtta_median_minutes", "mtta_p90_minutes", "resolved", "mttr_mean_minutes", "mttr_median_minutes", "mttr_p90_minutes"],
        [{ severity: "all", ...r.response }, ...r.response.bySeverity].map((s) => {
          const [ackN, ...ack] = stat(s.mtta);
          const [resN, ...res] = stat(s.mttr);
          return [s.severity, s.declared, ackN, ...ack, resN, ...res];
        }),
      );
    case "changes":
      return toCsv(
        ["component_id", "component", "completed", "failed", "rolled_back", "success_rate_percent"],
        r.changes.byComponent.map((c) => [c.componentId, r.changes.componentNames[c.componentId] ?? c.componentId, c.completed, c.failed, c.rolledBack, pct(c.rate)]),
      );
    case "change_types":
      return toCsv(["type", "completed", "failed", "rolled_back", "success_rate_percent"], r.changes.byType.map((t) => [t.type, t.completed, t.failed, t.rolledBack, pct(t.rate)]));
    case "detection":
      return toCsv(["incidents", "mean_minutes", "median_minutes", "p90_minutes"], [stat(r.detection)]);
    case "iac":
      return toCsv(
        ["components", "iac_managed", "component_share_percent", "changes_filed", "changes_via_api_token", "change_share_percent"],
        [[r.iac.components, r.iac.managed, pct(r.iac.componentShare), r.iac.changes, r.iac.viaToken, pct(r.iac.changeShare)]],
      );
    case "cost":
      return toCsv(
        ["group", "months_compared", "current", "year_before", "yoy_percent"],
        r.cost.groups.map((g) => [g.group, g.months, g.currentCents / 100, g.previousCents / 100, pct(g.yoyPercent)]),
      );
    case "weekly":
      return toCsv(
        ["week", "availability_percent", "mtta_mean_minutes", "mttr_mean_minutes", "change_success_percent", "incidents"],
        r.weekly.map((w) => [w.week, pct(w.availability), w.mttaMinutes === null ? null : Math.round(w.mttaMinutes * 1000) / 1000, w.mttrMinutes === null ? null : Math.round(w.mttrMinutes * 1000) / 1000, pct(w.changeSuccess), w.incidents]),
      );
  }
}
