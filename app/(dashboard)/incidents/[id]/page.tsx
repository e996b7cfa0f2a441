import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { AlertRow } from "@/components/alerts/alert-row";
import { ComponentStatusBadge } from "@/components/service-components/status-badge";
import { IncidentStatusBadge, SeverityBadge, VisibilityBadge } from "@/components/incidents/badges";
import { ReopenForm, ResolveForm } from "@/components/incidents/close-forms";
import { CopyBlock } from "@/components/incidents/copy-block";
import { EscalationPanel } from "@/components/incidents/escalation-panel";
import { LiveRefresh } from "@/components/incidents/live-refresh";
import { UpdateForm } from "@/components/incidents/update-form";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import type { Role } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { formatDurationMs } from "@/lib/incidents/reminders";
import { getIncident, listSuspectChanges } from "@/lib/incidents/queries";
import { postmortemIdForIncident } from "@/lib/postmortems/queries";
import { formatUtc } from "@/lib/utils";
import { acknowledgeIncidentAction, postIncidentUpdateAction, reopenIncidentAction, resolveIncidentAction } from "../actions";
import { orNotFound } from "@/lib/http/page";

export const dynamic = "force-dynamic";

/** Once per request: metadata and page share the read (keyed by primitives, as `cache` compares arguments by identity). */
const load = cache((id: string, actorId: string, role: Role) => orNotFound(getIncident(id, new Date(), { id: actorId, role })));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const actor = await requireActor();
  const i = await load((await params).id, actor.id, actor.role);
  return { title: `#${i.number} ${i.title}` };
}

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const incident = await load((await params).id, actor.id, actor.role);
  const may = incident.can!;
  const suspects = await listSuspectChanges(incident.componentIds);
  const postmortemId = await postmortemIdForIncident(incident.id);
  const open = incident.status !== "Resolved";
  const levels = incident.escalation.levels;

  const template: [string, React.ReactNode][] = [
    ["INCIDENT", incident.title],
    ["SEVERITY", <SeverityBadge key="s" severity={incident.severity} />],
    ["STATUS", <IncidentStatusBadge key="st" status={incident.status} />],
    ["IMPACT", incident.impact],
    ["CURRENT_ACTION", incident.currentAction],
    ["ETA", formatUtc(incident.eta)],
    ["COMMANDER", incident.commander?.name ?? "—"],
  ];
  const times: [string, string][] = [
    ["Declared", `${formatUtc(incident.declaredAt, true)} by ${incident.declaredBy.name}`],
    ["Acknowledged", incident.acknowledgedAt ? `${formatUtc(incident.acknowledgedAt, true)} by ${incident.acknowledgedBy?.name ?? "—"}` : "—"],
    ["Resolved", formatUtc(incident.resolvedAt, true)],
    ["MTTA", formatDurationMs(incident.mttaMs)],
    ["MTTR", formatDurationMs(incident.mttrMs)],
  ];

  return (
    <>
      <LiveRefresh />
      <PageHeader
        title={`#${incident.number} ${incident.title}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <SeverityBadge severity={incident.severity} /> <IncidentStatusBadge status={incident.status} /> last update {formatUtc(incident.lastUpdateAt)}
          </span>
        }
        actions={
          <Link href="/incidents" className="text-sm text-sky-700 underline-offset-4 hover:underline dark:text-sky-400">
            All incidents
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-6">
          <Card>
            <h2 className="sr-only">Incident template</h2>
            <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]" data-testid="incident-fields">
              {template.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="font-mono text-xs font-semibold text-slate-500 sm:pt-0.5 dark:text-slate-400">{k}</dt>
                  <dd className="whitespace-pre-wrap">{v}</dd>
                </div>
              ))}
            </dl>
            <dl className="mt-4 grid grid-cols-2 gap-2 border-t border-slate-200 pt-3 text-xs sm:grid-cols-5 dark:border-slate-800">
              {times.map(([k, v]) => (
                <div key={k}>
                  <dt className="font-semibold text-slate-500 dark:text-slate-400">{k}</dt>
                  <dd data-testid={`incident-${k.toLowerCase()}`}>{v}</dd>
                </div>
              ))}
            </dl>
            {incident.resolution ? (
              <p className="mt-3 text-sm">
                <strong>Resolution:</strong> {incident.resolution}
              </p>
            ) : null}
            {postmortemId ? (
              <p className="mt-3 text-sm">
                <Link href={`/postmortems/${postmortemId}`} className="text-sky-700 underline-offset-4 hover:underline dark:text-sky-400" data-testid="postmortem-link">
                  Postmortem
                </Link>
              </p>
            ) : null}
          </Card>

          <section aria-labelledby="block-heading" className="space-y-2">
            <h2 id="block-heading" className="text-lg font-semibold">
              Communication block
            </h2>
            <CopyBlock text={incident.block} />
          </section>

          {may.update ? (
            <Card>
              <h2 className="mb-3 text-lg font-semibold">Post an update</h2>
              <UpdateForm incidentId={incident.id} version={incident.version} status={incident.status} severity={incident.severity} action={postIncidentUpdateAction} />
            </Card>
          ) : null}

          <section aria-labelledby="timeline-heading" className="space-y-3">
            <h2 id="timeline-heading" className="text-lg font-semibold">
              Timeline
            </h2>
            <ol className="space-y-3" aria-label="Timeline of updates">
              {incident.updates.map((u) => (
                <li key={u.id} className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
                  <div className="flex flex-wrap items-center gap-2">
                    <IncidentStatusBadge status={u.status} />
                    <VisibilityBadge isPublic={u.public} />
                    <span className="text-xs text-slate-600 dark:text-slate-400">
                      {formatUtc(u.createdAt, true)} · {u.author.name}
                    </span>
                  </div>
                  <p className="mt-2 whitespace-pre-wrap">{u.message}</p>
                  {u.impact || u.currentAction || u.eta || u.componentStatus ? (
                    <div className="mt-2 space-y-0.5 font-mono text-xs">
                      {u.impact ? <p>IMPACT: {u.impact}</p> : null}
                      {u.currentAction ? <p>CURRENT_ACTION: {u.currentAction}</p> : null}
                      {u.eta ? <p>ETA: {formatUtc(u.eta)}</p> : null}
                      {u.componentStatus ? <p>COMPONENT STATUS: {u.componentStatus}</p> : null}
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        </div>

        <div className="min-w-0 space-y-6">
          <Card>
            <EscalationPanel
              incidentId={incident.id}
              levels={levels}
              pages={incident.escalation.pages.map((p) => ({ level: p.level, role: p.role, at: p.at, userName: p.user?.name ?? null }))}
              nextLevel={incident.escalation.nextLevel}
              nextLevelAt={incident.escalation.nextLevelAt}
              acknowledgedAt={incident.acknowledgedAt}
              acknowledgedBy={incident.acknowledgedBy?.name ?? null}
              resolved={!open}
              canAcknowledge={may.acknowledge}
              action={acknowledgeIncidentAction}
            />
          </Card>

          {incident.alerts.length ? (
            <Card>
              <section aria-labelledby="alerts-heading">
                <h2 id="alerts-heading" className="mb-1 text-lg font-semibold">
                  Alerts
                </h2>
                <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
                  Opened by {incident.source}
                  {incident.detectedAt ? ` · detected ${formatUtc(new Date(incident.detectedAt))}` : ""}
                  {incident.previousIncidentId ? (
                    <>
                      {" · "}
                      <Link href={`/incidents/${incident.previousIncidentId}`} className="text-sky-700 hover:underline dark:text-sky-400">
                        previous incident of this group
                      </Link>
                    </>
                  ) : null}
                </p>
                <ul className="space-y-2 text-sm">
                  {incident.alerts.map((a) => (
                    <AlertRow key={a.id} alert={a} />
                  ))}
                </ul>
              </section>
            </Card>
          ) : null}

          <Card>
            <section aria-labelledby="components-heading">
              <h2 id="components-heading" className="mb-2 text-lg font-semibold">
                Affected components
              </h2>
              <ul className="space-y-1 text-sm">
                {incident.components.map((c) => (
                  <li key={c.id} className="flex items-center justify-between gap-2">
                    <span>
                      {c.name} <span className="text-xs text-slate-500">({c.group}, {c.ownerRole})</span>
                    </span>
                    <ComponentStatusBadge status={c.status} />
                  </li>
                ))}
              </ul>
            </section>
          </Card>

          <Card>
            <section aria-labelledby="suspects-heading">
              <h2 id="suspects-heading" className="text-lg font-semibold">
                Suspect changes
              </h2>
              <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">In progress, or completed in the last 24 h, on these components.</p>
              {suspects.length ? (
                <ul className="space-y-2 text-sm">
                  {suspects.map((c) => (
                    <li key={c.id} className="rounded-md border border-slate-200 p-2 dark:border-slate-800">
                      <div className="flex flex-wrap items-center gap-2">
                        <Link href={`/changes/${c.id}`} className="font-medium text-sky-700 underline-offset-4 hover:underline dark:text-sky-400">
                          #{c.number} {c.description}
                        </Link>
                        <Badge tone={c.status === "In progress" ? "amber" : "slate"}>{c.status}</Badge>
                      </div>
                      <p className="text-xs text-slate-600 dark:text-slate-400">
                        {c.type} on {c.component.name} by {c.requester.name} · updated {formatUtc(c.updatedAt)}
                      </p>
                      <details className="mt-1">
                        <summary className="cursor-pointer text-sm font-medium">Rollback plan</summary>
                        <p className="mt-1 whitespace-pre-wrap">{c.rollbackPlan ?? "No rollback plan recorded."}</p>
                      </details>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm">No suspect changes.</p>
              )}
            </section>
          </Card>

          {may.resolve ? (
            <Card>
              <h2 className="mb-2 text-lg font-semibold">Document &amp; Close</h2>
              <ResolveForm incidentId={incident.id} version={incident.version} action={resolveIncidentAction} />
            </Card>
          ) : null}
          {may.reopen ? (
            <Card>
              <h2 className="mb-2 text-lg font-semibold">Reopen</h2>
              <ReopenForm incidentId={incident.id} version={incident.version} action={reopenIncidentAction} />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
