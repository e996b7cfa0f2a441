import type { Metadata } from "next";
import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/maintenance/local-time";
import { CancelMaintenanceForm } from "@/components/maintenance/cancel-form";
import { NotifyButton } from "@/components/maintenance/notify-button";
import { ConflictBadge, NotificationBadge, PhaseBadge } from "@/components/maintenance/status-badges";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { getMaintenance, listMaintenanceHistory } from "@/lib/maintenance/queries";
import { listSuppressedAlerts } from "@/lib/alerts/queries";
import { SuppressedAlerts } from "@/components/alerts/suppressed-alerts";
import { formatWindow } from "@/lib/maintenance/window";
import { formatUtc } from "@/lib/utils";
import { cancelMaintenanceAction, notifyMaintenanceAction } from "../actions";
import { orNotFound } from "@/lib/http/page";

export const metadata: Metadata = { title: "Maintenance window" };
export const dynamic = "force-dynamic";

export default async function MaintenanceDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const w = await orNotFound(getMaintenance(id));
  const [history, suppressed] = await Promise.all([listMaintenanceHistory(id), listSuppressedAlerts([id])]);
  const open = w.phase === "scheduled" || w.phase === "in_progress";
  const canNotify = can(actor.role, "maintenance.notify") && open;
  const canCancel = can(actor.role, "maintenance.cancel") && open;
  const names = new Map(w.components.map((c) => [c.id, c.name]));

  return (
    <>
      <PageHeader
        title={`MW-${w.number} ${w.title}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <PhaseBadge phase={w.phase} />
            <NotificationBadge state={w.notification} />
            <ConflictBadge count={w.conflicts.length} />
          </span>
        }
        actions={
          can(actor.role, "maintenance.update") && !w.cancelledAt ? (
            <Button asChild variant="outline">
              <Link href={`/maintenance/${w.id}/edit`}>Edit</Link>
            </Button>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-6">
          {w.conflicts.length ? (
            <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
              <p className="font-semibold">Conflicting maintenance on a shared component</p>
              <ul className="mt-1 list-disc pl-5">
                {w.conflicts.map((c) => (
                  <li key={c.id}>
                    <Link href={`/maintenance/${c.id}`} className="underline">
                      MW-{c.number} {c.title}
                    </Link>{" "}
                    ({formatWindow({ windowStart: new Date(c.windowStart), windowEnd: new Date(c.windowEnd) })}) on {c.sharedComponentIds.map((x) => names.get(x) ?? x).join(", ")}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Card className="space-y-3">
            <div className="flex items-center justify-between gap-2">
              <h2 className="font-semibold">Maintenance Notification</h2>
              <CopyButton text={w.notice} label="Copy notification" />
            </div>
            <pre aria-label="Notification text" className="overflow-x-auto whitespace-pre-wrap rounded-md bg-slate-100 p-3 font-mono text-sm dark:bg-slate-800">
              {w.notice}
            </pre>
            <p className="text-sm">
              <LocalTime iso={w.windowStart} prefix="Starts in your time zone: " />
            </p>
          </Card>
          {w.cancelledAt ? (
            <div role="status" className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-900">
              <p className="font-semibold">Cancelled {formatUtc(w.cancelledAt)}</p>
              <p>{w.cancelReason}</p>
            </div>
          ) : null}
          <Card className="space-y-3">
            <h2 className="font-semibold">Notification</h2>
            {w.notification === "sent" ? (
              <p className="text-sm" data-testid="notified-at">
                Notified {formatUtc(w.notifiedAt)}. Sending again does nothing unless the window is edited.
              </p>
            ) : w.notification === "needs_renotify" ? (
              <p className="text-sm text-amber-800 dark:text-amber-300">
                Notified {formatUtc(w.notifiedAt)}, then edited ({formatUtc(w.noticeChangedAt)}): stakeholders have not seen the current window. Send a rescheduled notification.
              </p>
            ) : (
              <p className="text-sm">Not sent yet. Linked changes count &quot;Stakeholders notified&quot; only once it is sent.</p>
            )}
            {canNotify && w.notification !== "sent" ? (
              <NotifyButton id={w.id} action={notifyMaintenanceAction} label={w.notification === "needs_renotify" ? "Send rescheduled notification" : "Send notification"} />
            ) : null}
          </Card>
          {canCancel ? (
            <Card className="space-y-3">
              <h2 className="font-semibold">Cancel this window</h2>
              <p className="text-sm">
                {w.phase === "in_progress" ? "It is in progress: cancelling ends it now." : "It will no longer be scheduled."} Components leave maintenance, alert silences expire, stakeholders are told
                {w.notifiedAt ? ", and the status page shows it cancelled" : ""}.
              </p>
              <CancelMaintenanceForm id={w.id} version={w.version} isPublic={!!w.notifiedAt} action={cancelMaintenanceAction} />
            </Card>
          ) : null}
          <Card className="space-y-2">
            <h2 className="font-semibold">History</h2>
            <ol className="space-y-1 text-sm">
              {history.map((h) => (
                <li key={h.id}>
                  <span className="text-slate-500">{formatUtc(h.at)}</span> · {h.who}: {h.what}
                </li>
              ))}
            </ol>
          </Card>
        </div>
        <aside className="space-y-4">
          <Card className="space-y-2 text-sm">
            <h2 className="font-semibold">Linked change requests</h2>
            {w.changes.length ? (
              <ul className="space-y-1">
                {w.changes.map((c) => (
                  <li key={c.id}>
                    <Link href={`/changes/${c.id}`} className="text-sky-700 hover:underline dark:text-sky-400">
                      CR-{c.number}
                    </Link>{" "}
                    {c.description} <span className="text-slate-500">({c.status})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-slate-500">None.</p>
            )}
          </Card>
          <SuppressedAlerts alerts={suppressed} />
          <Card className="space-y-1 text-sm">
            <h2 className="font-semibold">Details</h2>
            <p>Created by {w.createdBy.name}</p>
            <p>Version {w.version}</p>
          </Card>
        </aside>
      </div>
    </>
  );
}
