import type { Metadata } from "next";
import Link from "next/link";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/badges";
import { LiveRefresh } from "@/components/incidents/live-refresh";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { FormError } from "@/components/ui/field";
import { asOptions, FilterSelect } from "@/components/ui/filter-select";
import { Input } from "@/components/ui/input";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { paginationSchema } from "@/lib/http/pagination";
import { formatDurationMs } from "@/lib/incidents/reminders";
import { getIncidentFormOptions, listIncidents } from "@/lib/incidents/queries";
import { listIncidentsQuerySchema } from "@/lib/incidents/schemas";
import { INCIDENT_STATUSES, SEVERITIES } from "@/lib/incidents/state-machine";
import { formatUtc } from "@/lib/utils";
import { parseInput } from "@/lib/validation";
import { LIMITS } from "@/lib/incidents/schemas";

export const metadata: Metadata = { title: "Incidents" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireActor();
  const sp = await searchParams;
  const raw = Object.fromEntries(["status", "severity", "component", "commander", "q", "cursor", "limit"].map((k) => [k, first(sp[k])]).filter(([, v]) => v));
  let error: string | null = null;
  let page: Awaited<ReturnType<typeof listIncidents>> = { data: [], nextCursor: null };
  const options = await getIncidentFormOptions();
  try {
    const { limit, cursor, ...filters } = parseInput(paginationSchema.extend(listIncidentsQuerySchema.shape), raw);
    page = await listIncidents(filters, { limit, cursor });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    error = `Some filters are invalid: ${Object.values(e.fields ?? {}).join("; ") || e.message}`;
  }
  const nextHref = page.nextCursor ? `/incidents?${new URLSearchParams({ ...(raw as Record<string, string>), cursor: page.nextCursor }).toString()}` : null;
  const firstHref = raw.cursor ? `/incidents?${new URLSearchParams(Object.fromEntries(Object.entries(raw as Record<string, string>).filter(([k]) => k !== "cursor"))).toString()}` : null;

  return (
    <>
      <LiveRefresh />
      <PageHeader title="Incidents" description="Open incidents first (most severe, newest), then resolved ones. Updates live." />
      <Card className="mb-4">
        <form method="get" role="search" aria-label="Filter incidents" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
          <div className="space-y-1 lg:col-span-2">
            <label htmlFor="f-q" className="block text-sm font-medium">
              Search
            </label>
            <Input id="f-q" name="q" type="search" maxLength={LIMITS.search} placeholder="Title, impact, #number" defaultValue={raw.q} />
          </div>
          <FilterSelect label="Status" name="status" defaultValue={raw.status} options={[{ value: "open", label: "Open" }, ...asOptions(INCIDENT_STATUSES)]} />
          <FilterSelect label="Severity" name="severity" defaultValue={raw.severity} options={asOptions(SEVERITIES)} />
          <FilterSelect label="Component" name="component" defaultValue={raw.component} options={options.components.map((c) => ({ value: c.id, label: c.name }))} />
          <FilterSelect label="Commander" name="commander" defaultValue={raw.commander} anyLabel="Anyone" options={options.engineers.map((u) => ({ value: u.id, label: u.name }))} />
          <div className="flex items-end gap-2 lg:col-span-6">
            <Button type="submit">Apply filters</Button>
            <Link href="/incidents" className="text-sm text-sky-700 underline-offset-4 hover:underline dark:text-sky-400">
              Clear
            </Link>
          </div>
        </form>
      </Card>
      <FormError message={error} />
      <div className="overflow-x-auto">
        <DataTable
          caption="Incidents"
          rows={page.data}
          rowKey={(i) => i.id}
          empty={error ? undefined : "No incidents match."}
          columns={[
            { header: "Incident", href: (i) => `/incidents/${i.id}`, cell: (i) => `#${i.number} ${i.title}` },
            { header: "Severity", cell: (i) => <SeverityBadge severity={i.severity} /> },
            { header: "Status", cell: (i) => <IncidentStatusBadge status={i.status} /> },
            { header: "Components", cell: (i) => i.components.map((c) => c.name).join(", ") },
            { header: "Commander", cell: (i) => i.commander?.name ?? "—" },
            { header: "Declared", cell: (i) => formatUtc(i.declaredAt), className: "whitespace-nowrap" },
            { header: "MTTA / MTTR", cell: (i) => `${formatDurationMs(i.mttaMs)} / ${formatDurationMs(i.mttrMs)}`, className: "whitespace-nowrap" },
          ]}
        />
      </div>
      <nav aria-label="Pagination" className="mt-4 flex gap-4 text-sm">
        {firstHref ? (
          <Link href={firstHref} className="text-sky-700 underline-offset-4 hover:underline dark:text-sky-400">
            First page
          </Link>
        ) : null}
        {nextHref ? (
          <Link href={nextHref} className="text-sky-700 underline-offset-4 hover:underline dark:text-sky-400">
            Next page
          </Link>
        ) : null}
      </nav>
    </>
  );
}
