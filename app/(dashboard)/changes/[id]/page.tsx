import type { Metadata } from "next";
import { SuppressedAlerts } from "@/components/alerts/suppressed-alerts";
import { listSuppressedAlerts } from "@/lib/alerts/queries";
import Link from "next/link";
import { ReadinessForm, DecisionForm, TransitionButtons } from "@/components/changes/change-actions";
import { CopyButton } from "@/components/ui/copy-button";
import { GateList } from "@/components/changes/gate-list";
import { StatusBadge } from "@/components/changes/status-badge";
import { Button } from "@/components/ui/button";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { changeBlock, getChange, getChangeHistory, type ChangeDto } from "@/lib/changes/queries";
import { formatUtc } from "@/lib/utils";
import { EMERGENCY_APPROVAL_HOURS, retroactiveDeadline } from "@/lib/changes/change-kinds";
import { decideChangeAction, readinessAction, transitionChangeAction } from "../actions";
import { orNotFound } from "@/lib/http/page";

export const metadata: Metadata = { title: "Change request" };
export const dynamic = "force-dynamic";

const linkClass = "text-sm font-medium text-sky-700 underline hover:no-underline dark:text-sky-400";

/** What a new user can do about a missing approval item, right where it is listed. */
function GateItemAction({ change, item }: { change: ChangeDto; item: { key: string; done: boolean } }) {
  if (item.done || (change.status !== "Submitted" && change.status !== "Draft")) return null;
  const can = change.can!;
  if (item.key === "windowScheduled")
    return can.edit || can.transitions.length ? (
      <Link href={`/maintenance/new?changeId=${change.id}`} className={linkClass}>
        Schedule a window for this change
      </Link>
    ) : null;
  if (item.key === "stakeholdersNotified")
    return (
      <span className="flex flex-wrap gap-3">
        {change.maintenance
          .filter((m) => !m.notifiedAt)
          .map((m) => (
            <Link key={m.id} href={`/maintenance/${m.id}`} className={linkClass}>
              Send the notification on MW-{m.number}
            </Link>
          ))}
      </span>
    );
  return can.edit ? (
    <Link href={`/changes/${change.id}/edit`} className={linkClass}>
      Edit the request
    </Link>
  ) : null;
}

export default async function ChangePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const change = await orNotFound(getChange(id, actor));
  const [history, suppressed] = await Promise.all([getChangeHistory(id), listSuppressedAlerts(change.maintenance.map((m) => m.id))]);
  const block = changeBlock(change);
  const can = change.can!;
  const noReason = can.decideRefusal;
  return (
    <>
      <PageHeader
        title={`CR-${change.number}: ${change.description}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>
              Status: <StatusBadge status={change.status} />
            </span>
            <Badge tone={change.kind === "Emergency" ? "red" : change.kind === "Standard" ? "green" : "slate"}>{change.kind}</Badge>
            {change.structural ? <Badge tone="violet">structural</Badge> : null}
            <span>Risk: {change.riskLevel ?? "not assessed"}</span>
            <span>· version {change.version}</span>
          </span>
        }
        actions={
          <>
            {can.edit ? (
              <Button asChild variant="outline">
                <Link href={`/changes/${change.id}/edit`}>Edit</Link>
              </Button>
            ) : null}
            {can.transitions.length || can.edit ? (
              <Button asChild variant="outline">
                <Link href={`/maintenance/new?changeId=${change.id}`}>Schedule a maintenance window</Link>
              </Button>
            ) : null}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <div className="mb-2 flex items-center justify-between">
            <h2 className="text-lg font-semibold">Request</h2>
            <CopyButton text={block} label="Copy request" />
          </div>
          <pre data-testid="change-block" className="overflow-x-auto rounded bg-slate-100 p-3 text-sm whitespace-pre-wrap dark:bg-slate-800">
            {block}
          </pre>
          <dl className="mt-4 grid grid-cols-[10rem_1fr] gap-x-3 gap-y-2 text-sm">
            {change.template ? (
              <>
                <dt className="font-medium">Template</dt>
                <dd>
                  <Link href={`/changes/new?template=${change.template.id}`} className="text-sky-700 hover:underline dark:text-sky-400">
                    {change.template.name}
                  </Link>{" "}
                  (version {change.template.version}): pre-approved, no human approval needed
                </dd>
              </>
            ) : null}
            {change.kind === "Emergency" ? (
              <>
                <dt className="font-medium">Emergency for</dt>
                <dd>
                  {change.emergencyIncident ? (
                    <Link href={`/incidents/${change.emergencyIncident.id}`} className="text-sky-700 hover:underline dark:text-sky-400">
                      INC-{change.emergencyIncident.number} ({change.emergencyIncident.severity}, {change.emergencyIncident.status})
                    </Link>
                  ) : (
                    "no linked incident (it cannot start before approval)"
                  )}
                </dd>
                {change.startedAt ? (
                  <>
                    <dt className="font-medium">Retroactive approval</dt>
                    <dd data-testid="retroactive-approval">
                      {change.approvals.some((a) => a.decision === "approve") ? "Approved" : `Due by ${formatUtc(retroactiveDeadline(new Date(change.startedAt)))} (${EMERGENCY_APPROVAL_HOURS} h after the start)`}
                    </dd>
                  </>
                ) : null}
              </>
            ) : null}
            <dt className="font-medium">Risk assessment</dt>
            <dd>{change.riskAssessment ?? "—"}</dd>
            <dt className="font-medium">Rollback plan</dt>
            <dd>{change.rollbackPlan ?? "—"}</dd>
            <dt className="font-medium">Monitoring</dt>
            <dd className="wrap-anywhere">{change.monitoring ?? "—"}</dd>
            <dt className="font-medium">Planned</dt>
            <dd>
              {change.plannedStart ? `${formatUtc(change.plannedStart)} – ${formatUtc(change.plannedEnd)}` : "—"}
            </dd>
            <dt className="font-medium">Conflicts</dt>
            <dd data-testid="change-conflicts">
              {change.conflicts?.length ? (
                <ul className="text-red-700 dark:text-red-400">
                  {change.conflicts.map((c) => (
                    <li key={c.id}>
                      <Link href={c.kind === "change" ? `/changes/${c.id}` : `/maintenance/${c.id}`} className="underline">
                        {c.label}
                      </Link>{" "}
                      ({formatUtc(c.start)} – {formatUtc(c.end)}; {c.reason})
                    </li>
                  ))}
                </ul>
              ) : (
                "None"
              )}
            </dd>
            <dt className="font-medium">Maintenance</dt>
            <dd>
              {change.maintenance.length
                ? change.maintenance.map((m) => (
                    <Link key={m.id} href={`/maintenance/${m.id}`} className="mr-2 text-sky-700 hover:underline dark:text-sky-400">
                      MW-{m.number} {m.title}
                    </Link>
                  ))
                : "No window linked yet"}
            </dd>
          </dl>
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Approvals</h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">Required: {change.requiredApprovals}.</p>
          {change.missingApprovals.length ? <p className="text-sm text-amber-800 dark:text-amber-300">Still needed: {change.missingApprovals.join(", ")}.</p> : null}
          <ul className="my-3 space-y-1 text-sm" aria-label="Decisions">
            {change.approvals.map((a) => (
              <li key={a.id}>
                <Badge tone={a.decision === "approve" ? "green" : "red"}>{a.decision === "approve" ? "Approved" : "Rejected"}</Badge> by {a.approver.name} ({a.approverRole}) at {formatUtc(a.createdAt)}
                {a.comment ? `: “${a.comment}”` : ""}
              </li>
            ))}
            {!change.approvals.length ? <li className="text-slate-600">No decisions yet.</li> : null}
          </ul>
          {can.decide ? (
            <DecisionForm action={decideChangeAction} id={change.id} version={change.version} canOverride={can.overrideFreeze} gateMissing={change.gates.approval.filter((i) => !i.done).map((i) => i.label)} conflicts={(change.conflicts ?? []).map((c) => c.label)} />
          ) : noReason ? (
            <p className="text-sm text-slate-700 dark:text-slate-300">{noReason}</p>
          ) : null}
          <h2 className="mt-6 mb-2 text-lg font-semibold">Status</h2>
          <TransitionButtons action={transitionChangeAction} id={change.id} version={change.version} targets={can.transitions} canOverride={can.overrideFreeze} />
        </Card>
        <Card>
          <GateList title="Change Approval checklist" items={change.gates.approval}>
            {(i) => <GateItemAction change={change} item={i} />}
          </GateList>
        </Card>
        <Card>
          <GateList title={`Production Readiness checklist${change.readinessRequired ? "" : " (required for TYPE New only)"}`} items={change.gates.readiness}>
            {(i) =>
              can.tickReadiness ? <ReadinessForm action={readinessAction} id={change.id} version={change.version} item={i.key} label={i.label} done={i.done} needsLink={i.key === "runbooks"} /> : null
            }
          </GateList>
        </Card>
      </div>
      {suppressed.length ? (
        <div className="mt-6">
          <SuppressedAlerts alerts={suppressed} />
        </div>
      ) : null}
      <Card className="mt-6">
        <h2 className="mb-2 text-lg font-semibold">History</h2>
        <ol className="space-y-1 text-sm" aria-label="History">
          {history.map((h) => (
            <li key={h.id}>
              <span className="text-slate-600 dark:text-slate-400">{formatUtc(h.at)}</span> · {h.who} · <code>{h.action}</code>
              {typeof h.data.to === "string" ? ` → ${h.data.to}` : ""}
              {typeof h.data.item === "string" ? ` (${h.data.item}${h.data.evidence ? `: ${String(h.data.evidence)}` : ""})` : ""}
              {typeof h.data.overrideReason === "string" ? ` — override: ${h.data.overrideReason}` : ""}
              {typeof h.data.comment === "string" && h.data.comment ? ` — “${h.data.comment}”` : ""}
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
