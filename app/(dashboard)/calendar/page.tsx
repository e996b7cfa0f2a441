import type { Metadata } from "next";
import Link from "next/link";
import { CalendarGrid } from "@/components/calendar/calendar-grid";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { calendarRange, overlappingWork, parseCalendarDate, type CalendarView } from "@/lib/maintenance/calendar";
import { getCalendar } from "@/lib/maintenance/queries";
import { relation } from "@/lib/changes/conflicts";

export const metadata: Metadata = { title: "Change calendar" };
export const dynamic = "force-dynamic";

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ view?: string; date?: string }> }) {
  await requireActor();
  const sp = await searchParams;
  const view: CalendarView = sp.view === "month" ? "month" : "week";
  const now = new Date();
  const anchor = parseCalendarDate(sp.date, now);
  const range = calendarRange(view, anchor);
  const { items, links, freezes, dependencies } = await getCalendar(range.from, range.to);
  const clashes = overlappingWork(
    items,
    (a, b) => links.has(`${a.key}|${b.key}`) || links.has(`${b.key}|${a.key}`),
    (a, b) => relation(a, b, dependencies) !== null,
  );
  const href = (v: CalendarView, d: Date) => `/calendar?view=${v}&date=${day(d)}`;
  const title = view === "week" ? `Week of ${day(range.from)}` : anchor.toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

  return (
    <>
      <PageHeader
        title="Change calendar"
        description={`Forward schedule of change: approved, scheduled and in-progress changes and maintenance windows (UTC). ${clashes.size ? `${clashes.size} items overlap other work on the same component.` : "No overlapping work."}`}
        actions={
          <nav aria-label="Calendar view" className="flex gap-2">
            <Button asChild variant={view === "week" ? "default" : "outline"} size="sm">
              <Link href={href("week", anchor)} aria-current={view === "week" ? "page" : undefined}>
                Week
              </Link>
            </Button>
            <Button asChild variant={view === "month" ? "default" : "outline"} size="sm">
              <Link href={href("month", anchor)} aria-current={view === "month" ? "page" : undefined}>
                Month
              </Link>
            </Button>
          </nav>
        }
      />
      <div className="mb-3 flex items-center gap-2">
        <Button asChild variant="outline" size="sm">
          <Link href={href(view, range.prev)}>← Previous</Link>
        </Button>
        <Button asChild variant="outline" size="sm">
          <Link href={href(view, now)}>Today</Link>
        </Button>
        <Button asChild variant="outline" size="sm">
          <Link href={href(view, range.next)}>Next →</Link>
        </Button>
        <h2 className="ml-2 text-lg font-semibold">{title}</h2>
      </div>
      <p className="mb-2 flex gap-4 text-xs">
        <span className="rounded bg-sky-100 px-1 text-sky-900 dark:bg-sky-950 dark:text-sky-200">Change</span>
        <span className="rounded bg-violet-100 px-1 text-violet-900 dark:bg-violet-950 dark:text-violet-200">Maintenance</span>
        <span className="rounded px-1 ring-2 ring-red-600">Overlapping work on a component (or one it depends on)</span>
        <span className="rounded bg-amber-100 px-1 text-amber-900 dark:bg-amber-950 dark:text-amber-200">Freeze period</span>
      </p>
      {freezes.length ? (
        <ul className="mb-2 space-y-1 text-sm" aria-label="Freeze periods">
          {freezes.map((f) => (
            <li key={f.id} data-testid="calendar-freeze" className="rounded bg-amber-100 px-2 py-1 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
              Freeze: {f.name} ({f.start.toISOString().slice(0, 16).replace("T", " ")} – {f.end.toISOString().slice(0, 16).replace("T", " ")} UTC, {f.componentGroup ?? "all components"}): {f.reason}
            </li>
          ))}
        </ul>
      ) : null}
      <CalendarGrid view={view} days={range.days} items={items} clashes={clashes} freezes={freezes} month={anchor.getUTCMonth()} today={day(now)} />
    </>
  );
}
