import { CheckCircle2, XCircle } from "lucide-react";
import { cn } from "@/lib/utils";

type Item = { key: string; label: string; done: boolean; derived: boolean; detail: string };

/** A checklist where missing items are obvious at a glance (red, cross, "Missing"). */
export function GateList({ title, items, children }: { title: string; items: Item[]; children?: (item: Item) => React.ReactNode }) {
  const missing = items.filter((i) => !i.done).length;
  return (
    <section aria-label={title}>
      <h2 className="mb-2 flex items-center gap-2 text-lg font-semibold">
        {title}
        <span className={cn("rounded-full px-2 py-0.5 text-xs", missing ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" : "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200")}>
          {missing ? `${missing} missing` : "complete"}
        </span>
      </h2>
      <ul className="space-y-2">
        {items.map((i) => (
          <li
            key={i.key}
            data-testid={`gate-${i.key}`}
            data-done={i.done}
            className={cn("rounded-md border px-3 py-2", i.done ? "border-green-300 bg-green-50 dark:border-green-900 dark:bg-green-950/40" : "border-red-300 bg-red-50 dark:border-red-900 dark:bg-red-950/40")}
          >
            <div className="flex items-start gap-2">
              {i.done ? <CheckCircle2 className="mt-0.5 h-4 w-4 shrink-0 text-green-700" aria-hidden /> : <XCircle className="mt-0.5 h-4 w-4 shrink-0 text-red-700" aria-hidden />}
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {i.label} <span className="sr-only">—</span>
                  <span className={cn("ml-1 text-xs font-semibold uppercase", i.done ? "text-green-800 dark:text-green-300" : "text-red-800 dark:text-red-300")}>{i.done ? "Done" : "Missing"}</span>
                  {i.derived ? <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">derived</span> : null}
                </p>
                <p className="text-sm wrap-anywhere text-slate-700 dark:text-slate-300">{i.detail}</p>
                {children?.(i)}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
