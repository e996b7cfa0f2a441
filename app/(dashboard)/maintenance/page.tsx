import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "@/components/maintenance/local-time";
import { ConflictBadge, NotificationBadge, PhaseBadge } from "@/components/maintenance/status-badges";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listMaintenance, type MaintenanceDto } from "@/lib/maintenance/queries";
import { formatWindow } from "@/lib/maintenance/window";

export const metadata: Metadata = { title: "Maintenance" };
export const dynamic = "force-dynamic";

function WindowRow({ w }: { w: MaintenanceDto }) {
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="maintenance-row">
      <div className="min-w-0 space-y-1">
        <Link href={`/maintenance/${w.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
          MW-{w.number} {w.title}
        </Link>
        <p className="text-sm">
          {formatWindow({ windowStart: new Date(w.windowStart), windowEnd: new Date(w.windowEnd) })} <LocalTime iso={w.windowStart} prefix="· starts " />
        </p>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {w.type} · {w.components.map((c) => c.name).join(", ")}
        </p>
        {w.conflicts.length ? (
          <p className="text-sm text-red-700 dark:text-red-400">
            Overlaps {w.conflicts.map((c) => `MW-${c.number} ${c.title}`).join("; ")} on a shared component
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-1">
        <PhaseBadge phase={w.phase} />
        <NotificationBadge state={w.notification} />
        <ConflictBadge count={w.conflicts.length} />
      </div>
    </li>
  );
}

function Section({ title, windows, empty, more }: { title: string; windows: MaintenanceDto[]; empty: string; more?: React.ReactNode }) {
  return (
    <section aria-labelledby={`${title}-heading`} className="space-y-2">
      <h2 id={`${title}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      <Card className="py-0">
        {windows.length ? <ul className="divide-y divide-slate-200 dark:divide-slate-800">{windows.map((w) => <WindowRow key={w.id} w={w} />)}</ul> : <p className="py-3 text-sm text-slate-500">{empty}</p>}
      </Card>
      {more}
    </section>
  );
}

export default async function MaintenancePage({ searchParams }: { searchParams: Promise<{ past?: string }> }) {
  const actor = await requireActor();
  const { past: pastCursor } = await searchParams;
  const now = new Date();
  const [active, upcoming, past] = await Promise.all([
    listMaintenance({ phase: "active", limit: 100 }, now),
    listMaintenance({ phase: "upcoming", limit: 100 }, now),
    listMaintenance({ phase: "past", limit: 20, cursor: pastCursor }, now),
  ]);
  return (
    <>
      <PageHeader
        title="Maintenance"
        description="Maintenance windows: times in UTC. Overlapping windows on a shared component are flagged."
        actions={
          <>
            <Button asChild variant="outline">
              <Link href="/calendar">Calendar</Link>
            </Button>
            {can(actor.role, "maintenance.create") ? (
              <Button asChild>
                <Link href="/maintenance/new">Schedule maintenance</Link>
              </Button>
            ) : null}
          </>
        }
      />
      <div className="space-y-8">
        <Section title="Active" windows={active.data} empty="No maintenance is in progress." />
        <Section title="Upcoming" windows={upcoming.data} empty="Nothing scheduled." />
        <Section
          title="Past"
          windows={past.data}
          empty="No past maintenance."
          more={
            past.nextCursor ? (
              <Link className="text-sm text-sky-700 hover:underline dark:text-sky-400" href={`/maintenance?past=${encodeURIComponent(past.nextCursor)}`}>
                Older windows →
              </Link>
            ) : null
          }
        />
      </div>
    </>
  );
}
