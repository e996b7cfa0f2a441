import type { Metadata } from "next";
import Link from "next/link";
import { WeeklyChart } from "@/components/kpis/weekly-chart";
import { Button } from "@/components/ui/button";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { DataTable, type DataTableProps } from "@/components/ui/data-table";
import { FilterSelect } from "@/components/ui/filter-select";
import { Input } from "@/components/ui/input";
import { requireActor } from "@/lib/auth/session";
import { ValidationError } from "@/lib/errors";
import type { Figure } from "@/lib/kpis/figure";
import { listKpiFilterOptions } from "@/lib/kpis/queries";
import { getKpiReport } from "@/lib/kpis/report";
import type { KpiTable } from "@/lib/kpis/schemas";
import { STATUS_LABEL } from "@/lib/changes/state-machine";

export const metadata: Metadata = { title: "KPIs" };
export const dynamic = "force-dynamic";

const PERIODS = [
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "90d", label: "Last 90 days" },
  { value: "quarter", label: "This quarter" },
];

const fmt = (v: number | null, unit: Figure["unit"]) => (v === null ? "no data" : unit === "percent" ? `${v.toFixed(unit === "percent" && Math.abs(v) > 99 ? 3 : 1)} %` : `${v.toFixed(1)} min`);
const minutes = (ms: number | null) => (ms === null ? "—" : `${(ms / 60_000).toFixed(1)} min`);
const pct = (v: number | null, digits = 3) => (v === null ? "no data" : `${v.toFixed(digits)} %`);

function StateBadge({ state }: { state: Figure["state"] }) {
  if (state === "no_data") return <Badge tone="slate">no data</Badge>;
  return state === "green" ? <Badge tone="green">on target</Badge> : <Badge tone="red">off target</Badge>;
}

function FigureTable<T>({ caption, csv, ...table }: { caption: string; csv: string } & Omit<DataTableProps<T>, "caption" | "variant">) {
  return (
    <Card className="overflow-x-auto p-0">
      <div className="flex items-center justify-between px-3 pt-3">
        <h3 className="font-semibold">{caption}</h3>
        <a href={csv} className="text-sm text-sky-700 hover:underline dark:text-sky-400">
          Download CSV<span className="sr-only"> of {caption}</span>
        </a>
      </div>
      <DataTable caption={caption} variant="inset" {...table} />
    </Card>
  );
}

export default async function KpisPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const raw = Object.fromEntries(Object.entries(await searchParams).flatMap(([k, v]) => {
    const s = Array.isArray(v) ? v[0] : v;
    return s ? [[k, s]] : [];
  })) as Record<string, string>;
  // "custom" in the form means: use from/to.
  const input = { ...raw, period: raw.period === "custom" ? undefined : raw.period, format: undefined, table: undefined };
  let error: string | null = null;
  let result: Awaited<ReturnType<typeof getKpiReport>>;
  try {
    result = await getKpiReport({ actor, input });
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    error = Object.entries(e.fields ?? {}).map(([k, m]) => `${k}: ${m}`).join("; ");
    result = await getKpiReport({ actor, input: {} });
  }
  const { report: r } = result;
  const options = await listKpiFilterOptions();
  const qs = new URLSearchParams(Object.entries({ from: raw.period === "custom" ? raw.from : undefined, to: raw.period === "custom" ? raw.to : undefined, period: raw.period === "custom" ? undefined : raw.period, componentId: raw.componentId, group: raw.group, severity: raw.severity }).filter((e): e is [string, string] => !!e[1]));
  const csv = (table: KpiTable) => `/api/v1/kpis?${new URLSearchParams([...qs, ["format", "csv"], ["table", table]])}`;
  const names = r.changes.componentNames;
  const weekly = (pick: (w: (typeof r.weekly)[number]) => number | null) => r.weekly.map((w) => ({ week: w.week, value: pick(w) }));

  return (
    <>
      <PageHeader
        title="KPIs"
        description={`The team's targets (SPEC §7) for ${r.period.from.slice(0, 10)} – ${r.period.to.slice(0, 16).replace("T", " ")} UTC, compared with the period before. Partial outages count ${Math.round(r.partialWeight * 100)} % as downtime; maintenance is excluded.`}
      />
      <form method="get" role="search" aria-label="KPI period and filters" className="mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-7">
        <FilterSelect label="Period" name="period" defaultValue={raw.period ?? "30d"} anyLabel={null} options={[...PERIODS, { value: "custom", label: "Custom (from / to)" }]} />
        <label className="text-sm">
          <span className="mb-1 block font-medium">From (custom)</span>
          <Input type="date" name="from" defaultValue={raw.from ?? ""} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">To (custom)</span>
          <Input type="date" name="to" defaultValue={raw.to ?? ""} />
        </label>
        <FilterSelect label="Group" name="group" defaultValue={raw.group} options={options.groups.map((g) => ({ value: g, label: g }))} />
        <FilterSelect label="Component" name="componentId" defaultValue={raw.componentId} options={options.components.map((c) => ({ value: c.id, label: c.name }))} />
        <FilterSelect label="Severity" name="severity" defaultValue={raw.severity} options={["P1", "P2", "P3", "P4"].map((s) => ({ value: s, label: s }))} />
        <div className="flex items-end gap-2">
          <Button type="submit">Apply</Button>
          <Button asChild variant="ghost">
            <Link href="/kpis">Reset</Link>
          </Button>
        </div>
      </form>
      {error ? (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}

      <section aria-labelledby="kpi-figures" className="mb-6">
        <div className="mb-2 flex items-center justify-between">
          <h2 id="kpi-figures" className="text-lg font-semibold">
            Scorecard
          </h2>
          <a href={csv("summary")} className="text-sm text-sky-700 hover:underline dark:text-sky-400">
            Download CSV<span className="sr-only"> of the scorecard</span>
          </a>
        </div>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {r.figures.map((f) => (
            <li key={f.key}>
              <Card className={f.state === "red" ? "border-red-300" : f.state === "green" ? "border-green-300" : ""}>
                <p className="text-sm text-slate-600 dark:text-slate-400">{f.label}</p>
                <p className="text-2xl font-semibold" data-kpi={f.key}>
                  {fmt(f.actual, f.unit)}
                </p>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                  <StateBadge state={f.state} />
                  <span>
                    target {f.target.op} {f.target.value}
                    {f.unit === "percent" ? " %" : " min"}
                  </span>
                  <span>
                    {f.trend === null ? "no previous value" : `${f.trend >= 0 ? "▲" : "▼"} ${Math.abs(f.trend).toFixed(2)} vs previous (${fmt(f.previous, f.unit)})`}
                  </span>
                </p>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="kpi-weekly" className="mb-6">
        <h2 id="kpi-weekly" className="mb-2 text-lg font-semibold">
          Weekly
        </h2>
        <div className="grid gap-3 lg:grid-cols-3">
          <Card>
            <h3 className="font-semibold">Availability (%)</h3>
            <WeeklyChart title="Availability" unit="%" target={99.9} data={weekly((w) => w.availability)} domain={["auto", 100]} />
          </Card>
          <Card>
            <h3 className="font-semibold">MTTR (minutes)</h3>
            <WeeklyChart title="MTTR" unit="min" target={30} data={weekly((w) => w.mttrMinutes)} domain={[0, "auto"]} />
          </Card>
          <Card>
            <h3 className="font-semibold">Change success (%)</h3>
            <WeeklyChart title="Change success" unit="%" target={95} data={weekly((w) => w.changeSuccess)} domain={[0, 100]} />
          </Card>
        </div>
        <p className="mt-2 text-sm">
          <a href={csv("weekly")} className="text-sky-700 hover:underline dark:text-sky-400">
            Download the weekly figures as CSV
          </a>
        </p>
      </section>

      <section aria-labelledby="kpi-tables" className="space-y-4">
        <h2 id="kpi-tables" className="text-lg font-semibold">
          Behind the figures
        </h2>
        <FigureTable
          caption="Availability by component"
          csv={csv("availability")}
          rows={r.availability.components}
          rowKey={(c) => c.id}
          columns={[
            { header: "Component", cell: (c) => c.name },
            { header: "Group", cell: (c) => c.group },
            { header: "Availability", cell: (c) => pct(c.availability) },
            { header: "Downtime", cell: (c) => minutes(c.downtimeMs) },
            { header: "Maintenance", cell: (c) => minutes(c.maintenanceMs) },
            { header: "Error budget left", cell: (c) => (c.errorBudgetLeftMs === null ? "—" : `${minutes(c.errorBudgetLeftMs)} (${pct(c.errorBudgetLeftPercent, 0)})`) },
            {
              header: "Incidents",
              cell: (c) =>
                c.incidentIds.length ? (
                  <Link href={`/incidents?component=${c.id}`} className="text-sky-700 hover:underline dark:text-sky-400">
                    {c.incidentIds.length} incident{c.incidentIds.length === 1 ? "" : "s"}
                    <span className="sr-only"> on {c.name}</span>
                  </Link>
                ) : (
                  "none"
                ),
            },
          ]}
        />
        <FigureTable
          caption="Availability by group"
          csv={csv("groups")}
          rows={[...r.availability.groups.map((g) => ({ name: g.group, ...g })), { name: "Overall", ...r.availability.overall }]}
          rowKey={(g) => g.name}
          columns={[
            { header: "Group", cell: (g) => g.name },
            { header: "Availability", cell: (g) => pct(g.availability) },
            { header: "Downtime", cell: (g) => minutes(g.downtimeMs) },
            { header: "Maintenance", cell: (g) => minutes(g.maintenanceMs) },
            { header: "Error budget left", cell: (g) => (g.errorBudgetLeftMs === null ? "—" : `${minutes(g.errorBudgetLeftMs)} (${pct(g.errorBudgetLeftPercent, 0)})`) },
          ]}
        />
        <FigureTable
          caption="Response times by severity"
          csv={csv("response")}
          rows={[{ severity: "All", ...r.response }, ...r.response.bySeverity]}
          rowKey={(s) => s.severity}
          columns={[
            {
              header: "Severity",
              cell: (s) =>
                s.severity === "All" ? (
                  "All"
                ) : (
                  <Link href={`/incidents?severity=${s.severity}`} className="text-sky-700 hover:underline dark:text-sky-400">
                    {s.severity}
                  </Link>
                ),
            },
            { header: "Declared", cell: (s) => s.declared },
            { header: "MTTA mean / median / p90", cell: (s) => `${minutes(s.mtta.meanMs)} / ${minutes(s.mtta.medianMs)} / ${minutes(s.mtta.p90Ms)}` },
            { header: "MTTR mean / median / p90", cell: (s) => `${minutes(s.mttr.meanMs)} / ${minutes(s.mttr.medianMs)} / ${minutes(s.mttr.p90Ms)}` },
            { header: "Open", cell: (s) => s.unresolved },
          ]}
        />
        <FigureTable
          caption="Change success by component"
          csv={csv("changes")}
          rows={r.changes.byComponent}
          rowKey={(c) => c.componentId}
          empty="No change finished in this period (no data)."
          columns={[
            { header: "Component", cell: (c) => names[c.componentId] ?? c.componentId },
            ...(["Completed", "Failed", "RolledBack"] as const).map((s) => ({
              header: STATUS_LABEL[s],
              cell: (c: (typeof r.changes.byComponent)[number]) => (
                <Link href={`/changes?component=${c.componentId}&status=${s}`} className="text-sky-700 hover:underline dark:text-sky-400">
                  {s === "Completed" ? c.completed : s === "Failed" ? c.failed : c.rolledBack}
                  <span className="sr-only"> {s} changes on {names[c.componentId]}</span>
                </Link>
              ),
            })),
            { header: "Success rate", cell: (c) => pct(c.rate, 1) },
          ]}
        />
        <FigureTable
          caption="Change success by type"
          csv={csv("change_types")}
          rows={r.changes.byType}
          rowKey={(t) => t.type}
          columns={[
            { header: "Type", cell: (t) => t.type },
            { header: "Completed", cell: (t) => t.completed },
            { header: "Failed", cell: (t) => t.failed },
            { header: "Rolled back", cell: (t) => t.rolledBack },
            { header: "Success rate", cell: (t) => pct(t.rate, 1) },
          ]}
        />
        <FigureTable
          caption="Detection time (alert start → declared)"
          csv={csv("detection")}
          rows={[r.detection]}
          rowKey={() => "detection"}
          columns={[
            { header: "Alert-opened incidents", cell: (d) => d.count || "no data" },
            { header: "Mean", cell: (d) => minutes(d.meanMs) },
            { header: "Median", cell: (d) => minutes(d.medianMs) },
            { header: "p90", cell: (d) => minutes(d.p90Ms) },
          ]}
        />
        <FigureTable
          caption="Infrastructure as code"
          csv={csv("iac")}
          rows={[r.iac]}
          rowKey={() => "iac"}
          columns={[
            { header: "Components managed as code", cell: (i) => `${i.managed} of ${i.components} (${pct(i.componentShare, 0)})` },
            { header: "Changes filed by API tokens", cell: (i) => `${i.viaToken} of ${i.changes} (${pct(i.changeShare, 0)})` },
            { header: "Not yet managed as code", cell: (i) => i.unmanaged.map((c) => c.name).join(", ") || "none" },
          ]}
        />
        <FigureTable
          caption="Cost by component group, year over year"
          csv={csv("cost")}
          rows={r.cost.groups}
          rowKey={(g) => g.group}
          empty="No monthly costs recorded (POST /api/v1/kpis/costs)."
          columns={[
            { header: "Group", cell: (g) => g.group },
            { header: "Months compared", cell: (g) => g.months },
            { header: "This period", cell: (g) => (g.currentCents / 100).toFixed(2) },
            { header: "A year earlier", cell: (g) => (g.previousCents / 100).toFixed(2) },
            { header: "Change", cell: (g) => pct(g.yoyPercent, 1) },
          ]}
        />
      </section>
    </>
  );
}
