import Link from "next/link";
import { Badge } from "@/components/ui/card";
import { formatUtc } from "@/lib/utils";

/** What an alert row shows; the optional parts appear when the read model carries them. */
export type AlertRowData = {
  id: string;
  summary: string;
  status: string;
  startsAt: Date | string;
  endsAt: Date | string | null;
  generatorURL: string | null;
  externalURL?: string | null;
  fingerprint?: string;
  integration?: string;
  window?: { id: string; number: number } | null;
};

const linkClass = "text-sky-700 hover:underline dark:text-sky-400";

function ExternalLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <>
      {" · "}
      <a href={href} className={linkClass} rel="noreferrer noopener" target="_blank">
        {children}
      </a>
    </>
  );
}

/**
 * One alert, as the incident, maintenance window and change pages list it. `suppressed`: the alert
 * paged nobody (a maintenance window covered it), so "firing" is amber rather than red.
 */
export function AlertRow({ alert: a, suppressed = false }: { alert: AlertRowData; suppressed?: boolean }) {
  const firing = a.status === "firing";
  const tone = suppressed ? (firing ? "amber" : "slate") : firing ? "red" : "green";
  return (
    <li>
      <div className="flex items-center justify-between gap-2">
        <span className="font-medium">{a.summary}</span>
        <Badge tone={tone}>{a.status}</Badge>
      </div>
      <div className="text-xs text-slate-600 dark:text-slate-400">
        {a.window ? (
          <>
            suppressed by{" "}
            <Link href={`/maintenance/${a.window.id}`} className={linkClass}>
              MW-{a.window.number}
            </Link>
            {" · "}
          </>
        ) : null}
        {a.integration ? `${a.integration} · ` : ""}
        {formatUtc(new Date(a.startsAt))}
        {a.endsAt ? ` → ${formatUtc(new Date(a.endsAt))}` : ""}
        {a.fingerprint ? (
          <>
            {" · "}
            <code>{a.fingerprint}</code>
          </>
        ) : null}
        {a.generatorURL ? <ExternalLink href={a.generatorURL}>source</ExternalLink> : null}
        {a.externalURL ? <ExternalLink href={a.externalURL}>Alertmanager</ExternalLink> : null}
      </div>
    </li>
  );
}
