import Link from "next/link";
import { itemsOnDay, type CalendarItem, type CalendarView } from "@/lib/maintenance/calendar";
import { cn } from "@/lib/utils";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const hhmm = (d: Date) => d.toISOString().slice(11, 16);

/**
 * Week or month grid of the change calendar (UTC days). Items that overlap
 * other work on a shared component are outlined red and say so in text.
 */
export function CalendarGrid({
  view,
  days,
  items,
  clashes,
  month,
  today,
  freezes = [],
}: {
  view: CalendarView;
  days: Date[];
  items: CalendarItem[];
  clashes: Map<string, string[]>;
  month: number;
  today: string;
  /** freeze periods: each day they touch shows them */
  freezes?: { id: string; name: string; start: Date; end: Date; componentGroup: string | null }[];
}) {
  const labels = new Map(items.map((i) => [i.key, i.label]));
  return (
    <div role="grid" aria-label={`${view === "week" ? "Week" : "Month"} calendar (UTC)`} className="overflow-x-auto">
      <div role="row" className="grid min-w-[56rem] grid-cols-7 border-b border-slate-200 text-xs font-medium uppercase text-slate-500 dark:border-slate-800">
        {WEEKDAYS.map((d) => (
          <div role="columnheader" key={d} className="px-2 py-1">
            {d}
          </div>
        ))}
      </div>
      {Array.from({ length: days.length / 7 }, (_, w) => (
        <div role="row" key={w} className="grid min-w-[56rem] grid-cols-7 border-b border-slate-200 dark:border-slate-800">
          {days.slice(w * 7, w * 7 + 7).map((day) => {
            const iso = day.toISOString().slice(0, 10);
            const onDay = itemsOnDay(items, day);
            return (
              <div
                role="gridcell"
                key={iso}
                aria-label={iso}
                className={cn(
                  "space-y-1 border-r border-slate-200 p-1 align-top dark:border-slate-800",
                  view === "week" ? "min-h-64" : "min-h-28",
                  view === "month" && day.getUTCMonth() !== month && "bg-slate-50 text-slate-600 dark:bg-slate-900/50 dark:text-slate-400",
                )}
              >
                <p className={cn("text-xs", iso === today && "font-bold text-sky-700 dark:text-sky-400")}>{iso.slice(8)}</p>
                {freezes
                  .filter((f) => f.start.getTime() < day.getTime() + 86_400_000 && f.end.getTime() > day.getTime())
                  .map((f) => (
                    <p key={f.id} className="rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200" title={`Freeze ${f.name}`}>
                      Freeze: {f.name}
                      {f.componentGroup ? ` (${f.componentGroup})` : ""}
                    </p>
                  ))}
                <ul className="space-y-1">
                  {onDay.map((item) => {
                    const clash = clashes.get(item.key);
                    return (
                      <li key={item.key}>
                        <Link
                          href={item.href}
                          data-testid="calendar-item"
                          data-overlap={clash ? "true" : undefined}
                          title={clash ? `Overlaps ${clash.map((k) => labels.get(k)).join("; ")}` : item.label}
                          className={cn(
                            "block rounded px-1 py-0.5 text-xs leading-tight hover:underline",
                            item.kind === "maintenance" ? "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200" : "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
                            clash && "ring-2 ring-red-600",
                          )}
                        >
                          <span className="font-mono">
                            {hhmm(item.start)}–{hhmm(item.end)}
                          </span>{" "}
                          {item.label}
                          {clash ? <span className="block font-semibold text-red-700 dark:text-red-400">Overlaps other work</span> : null}
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
