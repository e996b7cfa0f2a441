"use client";

import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/define-action";
import { formatUtc } from "@/lib/utils";

export type EscalationLevelView = { level: number; label: string; dueAt: string };
export type EscalationPageItem = { level: number; role: string; at: string; userName: string | null };

type Props = {
  incidentId: string;
  levels: EscalationLevelView[];
  pages: EscalationPageItem[];
  nextLevel: number | null;
  nextLevelAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolved: boolean;
  canAcknowledge: boolean;
  action: (prev: ActionState<{ id: string }>, form: FormData) => Promise<ActionState<{ id: string }>>;
};

/** `4:05`, `1:02:03`; never negative. */
export function formatCountdown(ms: number) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

function useNow(intervalMs: number) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0); // after hydration, so server and client render the same "…"
    const t = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(t);
    };
  }, [intervalMs]);
  return now;
}

/**
 * The escalation ladder for one incident: who was paged at which level and
 * when, a live countdown to the next level, and the Acknowledge button that
 * stops it. New pages arrive through <LiveRefresh/> re-rendering the page.
 */
export function EscalationPanel(p: Props) {
  const now = useNow(500);
  const [state, formAction, pending] = useActionState(p.action, null);
  const remaining = p.nextLevelAt && now !== null ? new Date(p.nextLevelAt).getTime() - now : null;
  const failed = state && !state.ok ? state : null;

  return (
    <section aria-labelledby="escalation-heading" className="space-y-3" data-testid="escalation-panel">
      <h2 id="escalation-heading" className="text-lg font-semibold">
        Escalation
      </h2>
      {p.acknowledgedAt ? (
        <p className="text-sm">
          Acknowledged by <strong>{p.acknowledgedBy ?? "someone"}</strong> at {formatUtc(p.acknowledgedAt, true)}: escalation stopped.
        </p>
      ) : p.resolved ? (
        <p className="text-sm">Resolved: escalation stopped.</p>
      ) : p.nextLevel && p.nextLevelAt ? (
        <p className="text-sm">
          Next: level {p.nextLevel} at {formatUtc(p.nextLevelAt, true)}, in{" "}
          <span role="timer" aria-label={`Time until level ${p.nextLevel} is paged`} data-testid="escalation-countdown" className="font-mono text-base font-semibold tabular-nums">
            {remaining === null ? "…" : remaining > 0 ? formatCountdown(remaining) : "paging now"}
          </span>
        </p>
      ) : (
        <p className="text-sm">Every level has been paged. Acknowledge to take the incident.</p>
      )}
      <ol className="space-y-2" aria-label="Escalation levels">
        {p.levels.map((l) => {
          const pages = p.pages.filter((x) => x.level === l.level);
          return (
            <li key={l.level} className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-800" data-testid={`escalation-level-${l.level}`}>
              <p className="font-medium">
                Level {l.level} · {l.label}
              </p>
              {pages.length ? (
                <ul className="mt-1 space-y-0.5">
                  {pages.map((x) => (
                    <li key={`${x.level}-${x.role}`}>
                      Paged <strong>{x.userName ?? `nobody on call for ${x.role}`}</strong> ({x.role}) at {formatUtc(x.at, true)}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-slate-600 dark:text-slate-400">Not paged{p.acknowledgedAt || p.resolved ? "" : ` · due ${formatUtc(l.dueAt, true)}`}</p>
              )}
            </li>
          );
        })}
      </ol>
      {!p.acknowledgedAt && !p.resolved && p.canAcknowledge ? (
        <form action={formAction} className="space-y-2">
          <input type="hidden" name="incidentId" value={p.incidentId} />
          <FormError message={failed?.error} />
          <Button type="submit" disabled={pending}>
            {pending ? "Acknowledging…" : "Acknowledge"}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
