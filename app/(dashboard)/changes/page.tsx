import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { StatusBadge } from "@/components/changes/status-badge";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { DataTable, DataTableLink } from "@/components/ui/data-table";
import { asOptions, FilterSelect } from "@/components/ui/filter-select";
import { Input } from "@/components/ui/input";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { changeListPage } from "@/lib/changes/queries";
import { STATUS_LABELS } from "@/lib/changes/state-machine";
import { ValidationError } from "@/lib/errors";
import { formatUtc } from "@/lib/utils";
import { LIMITS } from "@/lib/changes/schemas";

export const metadata: Metadata = { title: "Changes" };
export const dynamic = "force-dynamic";

const SORTS: [string, string][] = [
  ["-updated", "Recently updated"],
  ["updated", "Least recently updated"],
  ["-number", "Newest number"],
  ["number", "Oldest number"],
  ["planned", "Planned start (soonest)"],
  ["-planned", "Planned start (latest)"],
];

export default async function ChangesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  let result: Awaited<ReturnType<typeof changeListPage>>;
  let error: string | null = null;
  try {
    result = await changeListPage(actor, raw);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    error = Object.values(e.fields ?? {}).join("; ");
    result = await changeListPage(actor, {});
  }
  const { page, components, requesters } = result;
  const q = page.query;
  const keep = Object.fromEntries(Object.entries(raw).filter(([k, v]) => k !== "cursor" && v)) as Record<string, string>;
  return (
    <>
      <PageHeader
        title="Changes"
        description="Change requests, gated by the Change Approval and Production Readiness checklists."
        actions={
          <>
            <Button asChild variant="outline">
              <Link href="/changes/cab">CAB queue</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/changes/templates">Standard templates</Link>
            </Button>
            {can(actor.role, "changes.create") ? (
              <Button asChild>
                <Link href="/changes/new">New change</Link>
              </Button>
            ) : null}
          </>
        }
      />
      <form method="get" role="search" aria-label="Filter changes" className="mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-7">
        <label className="text-sm lg:col-span-2">
          <span className="mb-1 block font-medium">Search</span>
          <Input name="q" maxLength={LIMITS.search} defaultValue={q.q ?? ""} placeholder="Description or CR-number" />
        </label>
        <FilterSelect label="Status" name="status" defaultValue={raw.status} options={asOptions(STATUS_LABELS)} />
        <FilterSelect label="Component" name="component" defaultValue={q.component} options={components.map((c) => ({ value: c.id, label: c.name }))} />
        <FilterSelect label="Risk" name="risk" defaultValue={q.risk} options={asOptions(["Low", "Medium", "High"])} />
        <FilterSelect
          label="Requester"
          name="requester"
          defaultValue={q.requester}
          anyLabel="Anyone"
          options={[{ value: "me", label: "Me" }, ...requesters.map((u) => ({ value: u.id, label: u.name }))]}
        />
        <FilterSelect label="Sort" name="sort" defaultValue={q.sort} anyLabel={null} options={SORTS.map(([value, label]) => ({ value, label }))} />
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" name="needsMyApproval" value="true" defaultChecked={!!q.needsMyApproval} className="h-4 w-4" />
          Needs my approval
        </label>
        <div className="flex gap-2">
          <Button type="submit">Apply</Button>
          <Button asChild variant="ghost">
            <Link href="/changes">Reset</Link>
          </Button>
        </div>
      </form>
      {error ? (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Card className="overflow-x-auto p-0">
        <DataTable
          caption="Change requests"
          variant="inset"
          rows={page.data}
          rowKey={(c) => c.id}
          empty="No change requests match."
          columns={[
            {
              header: "Change",
              cell: (c) => (
                <>
                  <DataTableLink href={`/changes/${c.id}`}>
                    CR-{c.number} · {c.type}: {c.description}
                  </DataTableLink>
                  {c.structural ? <Badge tone="violet" className="ml-2">structural</Badge> : null}
                </>
              ),
            },
            { header: "Status", cell: (c) => <StatusBadge status={c.status} /> },
            { header: "Component", cell: (c) => c.component.name },
            { header: "Risk", cell: (c) => c.riskLevel ?? "—" },
            { header: "Requester", cell: (c) => c.requester.name },
            { header: "Timeline", cell: (c) => c.timeline },
            { header: "Updated", cell: (c) => formatUtc(c.updatedAt), className: "whitespace-nowrap" },
          ]}
        />
      </Card>
      <nav aria-label="Pagination" className="mt-3 flex gap-2">
        {raw.cursor ? (
          <Button asChild variant="outline" size="sm">
            <Link href={`/changes?${new URLSearchParams(keep)}`}>First page</Link>
          </Button>
        ) : null}
        {page.nextCursor ? (
          <Button asChild variant="outline" size="sm">
            <Link href={`/changes?${new URLSearchParams({ ...keep, cursor: page.nextCursor })}`}>Next page</Link>
          </Button>
        ) : null}
      </nav>
    </>
  );
}
