import { cn } from "@/lib/utils";
import { millisecondsInDay } from "date-fns/constants";

type Segment = { userId: string; userName: string; start: string; end: string; source: "rotation" | "override" };

const PALETTE = ["bg-sky-200 dark:bg-sky-900", "bg-emerald-200 dark:bg-emerald-900", "bg-violet-200 dark:bg-violet-900", "bg-rose-200 dark:bg-rose-900", "bg-lime-200 dark:bg-lime-900"];

const short = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;

/**
 * A 14-day strip of who is on call; overrides are striped amber. Each
 * segment is a list item with its full text for screen readers and tooltips.
 */
export function Timeline({ name, segments, from, to, memberIds, now }: { name: string; segments: Segment[]; from: string; to: string; memberIds: string[]; now: string }) {
  const start = new Date(from).getTime();
  const span = new Date(to).getTime() - start;
  const pct = (iso: string) => ((new Date(iso).getTime() - start) / span) * 100;
  const days = Math.round(span / millisecondsInDay);
  return (
    <div>
      <div className="relative h-10 overflow-hidden rounded-md border border-slate-200 dark:border-slate-800">
        <ol aria-label={`14-day timeline: ${name}`} className="absolute inset-0">
          {segments.map((s) => {
            const idx = memberIds.indexOf(s.userId);
            const text = `${s.userName}, ${short(s.start)} – ${short(s.end)} UTC${s.source === "override" ? " (override)" : ""}`;
            return (
              <li
                key={`${s.start}-${s.userId}`}
                title={text}
                data-source={s.source}
                className={cn(
                  "absolute inset-y-0 flex items-center overflow-hidden border-r border-white px-1 text-[11px] leading-tight whitespace-nowrap dark:border-slate-950",
                  s.source === "override"
                    ? "bg-amber-300 bg-[repeating-linear-gradient(45deg,transparent,transparent_4px,rgba(255,255,255,.35)_4px,rgba(255,255,255,.35)_8px)] font-semibold text-amber-950 dark:bg-amber-700 dark:text-amber-50"
                    : PALETTE[(idx < 0 ? 0 : idx) % PALETTE.length],
                )}
                style={{ left: `${pct(s.start)}%`, width: `${pct(s.end) - pct(s.start)}%` }}
              >
                <span className="sr-only">{text}</span>
                <span aria-hidden>{s.userName.split(" ")[0]}</span>
              </li>
            );
          })}
        </ol>
        <div aria-hidden className="pointer-events-none absolute inset-y-0 w-0.5 bg-red-600" style={{ left: `${pct(now)}%` }} />
      </div>
      <div aria-hidden className="mt-1 grid text-[10px] text-slate-500" style={{ gridTemplateColumns: `repeat(${days}, minmax(0, 1fr))` }}>
        {Array.from({ length: days }, (_, i) => new Date(start + i * millisecondsInDay).toISOString()).map((d) => (
          <span key={d}>{d.slice(5, 10)}</span>
        ))}
      </div>
    </div>
  );
}
