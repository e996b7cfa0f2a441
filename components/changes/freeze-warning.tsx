import { overlappingFreezes } from "@/lib/changes/freeze-periods";

/** A freeze period as the change forms receive it (ISO strings from the page). */
export type FormFreeze = { id: string; name: string; reason: string; start: string; end: string; componentGroup: string | null };

/** datetime-local values are UTC in these forms ("2026-12-01T02:00" → 02:00Z). */
const utc = (v: string) => (v ? new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`) : null);

/**
 * Warns while the change form is being filled that the planned interval
 * overlaps a freeze period (the same half-open rule the server applies when
 * the change is approved, scheduled or started).
 */
export function FreezeWarning({ freezes, start, end, group, kind }: { freezes: FormFreeze[]; start: string; end: string; group: string | null; kind: string }) {
  const s = utc(start);
  const e = utc(end);
  if (!s || !e || Number.isNaN(s.getTime()) || Number.isNaN(e.getTime())) return null;
  const hits = overlappingFreezes(
    freezes.map((f) => ({ ...f, start: new Date(f.start), end: new Date(f.end) })),
    { start: s, end: e },
    group,
  );
  if (!hits.length) return null;
  return (
    <div role="alert" data-testid="freeze-warning" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
      <p className="font-semibold">The planned window overlaps a freeze period:</p>
      <ul className="list-disc pl-5">
        {hits.map((f) => (
          <li key={f.id}>
            {f.name} ({f.start.toISOString().slice(0, 16).replace("T", " ")} – {f.end.toISOString().slice(0, 16).replace("T", " ")} UTC{f.componentGroup ? `, ${f.componentGroup}` : ", global"}): {f.reason}
          </li>
        ))}
      </ul>
      <p>
        {kind === "Emergency"
          ? "An Emergency change passes a freeze only with an override reason when it is approved, scheduled or started."
          : "Approving, scheduling or starting this change will be refused while the window overlaps it. Move the planned window."}
      </p>
    </div>
  );
}
