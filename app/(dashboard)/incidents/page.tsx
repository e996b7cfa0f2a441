import type { Metadata } from "next";
import Link from "next/link";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/badges";
import { LiveRefresh } from "@/components/incidents/live-refresh";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
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
            <Input id="f-q" name="q" type="search" placeholder="Title, impact, #number" defaultValue={raw.q} />
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
        <table className="w-full text-left text-sm" aria-label="Incidents">
          <thead className="border-b border-slate-200 text-xs text-slate-600 uppercase dark:border-slate-800 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-2 pr-3">
                Incident
              </th>
              <th scope="col" className="py-2 pr-3">
                Severity
              </th>
              <th scope="col" className="py-2 pr-3">
                Status
              </th>
              <th scope="col" className="py-2 pr-3">
                Components
              </th>
              <th scope="col" className="py-2 pr-3">
                Commander
              </th>
              <th scope="col" className="py-2 pr-3">
                Declared
              </th>
              <th scope="col" className="py-2 pr-3">
                MTTA / MTTR
              </th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((i) => (
              <tr key={i.id} className="border-b border-slate-100 align-top dark:border-slate-800/60">
                <td className="py-2 pr-3">
                  <Link href={`/incidents/${i.id}`} className="font-medium text-sky-700 underline-offset-4 hover:underline dark:text-sky-400">
                    #{i.number} {i.title}
                  </Link>
                </td>
                <td className="py-2 pr-3">
                  <SeverityBadge severity={i.severity} />
                </td>
                <td className="py-2 pr-3">
                  <IncidentStatusBadge status={i.status} />
                </td>
                <td className="py-2 pr-3">{i.components.map((c) => c.name).join(", ")}</td>
                <td className="py-2 pr-3">{i.commander?.name ?? "—"}</td>
                <td className="py-2 pr-3 whitespace-nowrap">{formatUtc(i.declaredAt)}</td>
                <td className="py-2 pr-3 whitespace-nowrap">
                  {formatDurationMs(i.mttaMs)} / {formatDurationMs(i.mttrMs)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!page.data.length && !error ? <p className="py-6 text-sm text-slate-600 dark:text-slate-400">No incidents match.</p> : null}
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
