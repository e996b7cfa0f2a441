import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { FollowUpForm, FollowUpRowActions, SectionsForm, TransitionButtons } from "@/components/postmortems/forms";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import type { Role } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/page";
import { formatDurationMs } from "@/lib/incidents/reminders";
import { followUpOwners, getPostmortem } from "@/lib/postmortems/queries";
import { formatUtc } from "@/lib/utils";
import { addFollowUpAction, deleteFollowUpAction, setFollowUpStatusAction, transitionPostmortemAction, updatePostmortemAction } from "../actions";

export const dynamic = "force-dynamic";

const load = cache((id: string, actorId: string, role: Role) => orNotFound(getPostmortem(id, { id: actorId, role })));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const actor = await requireActor();
  const pm = await load((await params).id, actor.id, actor.role);
  return { title: `Postmortem #${pm.incident.number}` };
}

export default async function PostmortemPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const pm = await load((await params).id, actor.id, actor.role);
  const owners = pm.can.edit ? await followUpOwners() : [];
  const durations: [string, number | null][] = [
    ["Detection", pm.durations.detectionMs],
    ["Time to acknowledge", pm.durations.acknowledgeMs],
    ["Time to resolve", pm.durations.resolveMs],
    ["Customer impact", pm.durations.customerImpactMs],
  ];
  return (
    <>
      <PageHeader
        title={`Postmortem: #${pm.incident.number} ${pm.incident.title}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2" data-testid="postmortem-meta">
            <Badge>{pm.statusLabel}</Badge> {pm.incident.severity} · owner {pm.owner?.name ?? "—"} · due {formatUtc(pm.dueAt)}
          </span>
        }
        actions={
          <span className="flex gap-4 text-sm">
            <Link href={`/incidents/${pm.incident.id}`} className="text-sky-700 underline-offset-4 hover:underline dark:text-sky-400">
              Incident #{pm.incident.number}
            </Link>
            <a href={`/api/v1/postmortems/${pm.id}.md`} className="text-sky-700 underline-offset-4 hover:underline dark:text-sky-400">
              Export Markdown
            </a>
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-6">
          <Card>
            <TransitionButtons postmortemId={pm.id} version={pm.version} transitions={pm.can.transitions} action={transitionPostmortemAction} />
            <div className={pm.can.transitions.length ? "mt-4" : undefined}>
              <SectionsForm postmortemId={pm.id} version={pm.version} sections={pm.sections} readOnly={!pm.can.edit} action={updatePostmortemAction} />
            </div>
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold">Follow-up actions</h2>
            {pm.followUps.length ? (
              <ul className="mb-4 divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="follow-ups">
                {pm.followUps.map((f) => (
                  <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      <strong>{f.title}</strong> · {f.owner?.name ?? "no owner"} · due {f.dueAt ? f.dueAt.slice(0, 10) : "—"} · <Badge>{f.status}</Badge>
                      {f.change ? (
                        <Link href={`/changes/${f.change.id}`} className="ml-2 text-sky-700 hover:underline dark:text-sky-400">
                          CR #{f.change.number}
                        </Link>
                      ) : null}
                    </span>
                    {pm.can.edit ? <FollowUpRowActions postmortemId={pm.id} actionId={f.id} status={f.status} setStatus={setFollowUpStatusAction} remove={deleteFollowUpAction} /> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mb-4 text-sm text-slate-500">No follow-up actions yet.</p>
            )}
            {pm.can.edit ? <FollowUpForm postmortemId={pm.id} users={owners} action={addFollowUpAction} /> : null}
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          <Card>
            <h2 className="mb-3 text-lg font-semibold">Durations</h2>
            <dl className="grid grid-cols-2 gap-2 text-sm">
              {durations.map(([k, v]) => (
                <div key={k}>
                  <dt className="text-xs font-semibold text-slate-500">{k}</dt>
                  <dd>{formatDurationMs(v)}</dd>
                </div>
              ))}
            </dl>
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold">Timeline</h2>
            <ol className="space-y-1 text-sm" data-testid="postmortem-timeline">
              {pm.timeline.map((e, i) => (
                <li key={i}>
                  <span className="font-mono text-xs text-slate-500">{formatUtc(e.at, true)}</span> {e.text}
                </li>
              ))}
            </ol>
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold">Suspect changes</h2>
            {pm.suspectChanges.length ? (
              <ul className="space-y-1 text-sm">
                {pm.suspectChanges.map((c) => (
                  <li key={c.id}>
                    <Link href={`/changes/${c.id}`} className="text-sky-700 hover:underline dark:text-sky-400">
                      CR #{c.number}
                    </Link>{" "}
                    {c.description} ({c.status})
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">None on {pm.components.map((c) => c.name).join(", ") || "the affected components"}.</p>
            )}
            {pm.maintenance.length ? (
              <>
                <h3 className="mt-4 mb-1 text-sm font-semibold">Maintenance windows</h3>
                <ul className="space-y-1 text-sm">
                  {pm.maintenance.map((m) => (
                    <li key={m.id}>
                      {m.title} ({formatUtc(m.windowStart)} – {formatUtc(m.windowEnd)})
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Card>
        </div>
      </div>
    </>
  );
}
