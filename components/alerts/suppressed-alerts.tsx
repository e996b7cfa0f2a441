import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import { formatUtc } from "@/lib/utils";

type Row = { id: string; summary: string; status: string; startsAt: Date; endsAt: Date | null; integration: string; generatorURL: string | null; window: { id: string; number: number } | null };

/** Alerts that paged nobody because a maintenance window covered their components. */
export function SuppressedAlerts({ alerts }: { alerts: Row[] }) {
  if (!alerts.length) return null;
  return (
    <Card className="space-y-2 text-sm">
      <h2 className="font-semibold">Suppressed alerts</h2>
      <ul className="space-y-2">
        {alerts.map((a) => (
          <li key={a.id}>
            <div className="flex items-center justify-between gap-2">
              <span className="font-medium">{a.summary}</span>
              <Badge tone={a.status === "firing" ? "amber" : "slate"}>{a.status}</Badge>
            </div>
            <div className="text-xs text-slate-600 dark:text-slate-400">
              {a.window ? (
                <>
                  suppressed by{" "}
                  <Link href={`/maintenance/${a.window.id}`} className="text-sky-700 hover:underline dark:text-sky-400">
                    MW-{a.window.number}
                  </Link>
                  {" · "}
                </>
              ) : null}
              {a.integration} · {formatUtc(a.startsAt)}
              {a.endsAt ? ` → ${formatUtc(a.endsAt)}` : ""}
              {a.generatorURL ? (
                <>
                  {" · "}
                  <a href={a.generatorURL} className="text-sky-700 hover:underline dark:text-sky-400" rel="noreferrer noopener" target="_blank">
                    source
                  </a>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
