import type { Metadata } from "next";
import { NotAllowed } from "@/components/layout/not-allowed";
import Link from "next/link";
import { RetryDeliveryButton } from "@/components/notifications/buttons";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { deliveryCounts, listDeliveries } from "@/lib/notify/queries";
import { DELIVERY_FILTERS, type DeliveryFilter } from "@/lib/notify/schemas";
import { cn, formatUtc } from "@/lib/utils";
import { retryDeliveryAction } from "./actions";

export const metadata: Metadata = { title: "Deliveries" };
export const dynamic = "force-dynamic";

const LABELS: Record<DeliveryFilter, string> = { failed: "Failed", pending: "Pending", delivered: "Delivered", all: "All" };
const CHANNELS = { in_app: "In-app", webhook: "Webhook", slack: "Slack", email: "Email", alertmanager_silence: "Alertmanager silence", ntfy: "Push (ntfy)" } as const;
const TONES = { failed: "red", pending: "amber", delivered: "green" } as const;

export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const actor = await requireActor();
  if (!can(actor.role, "deliveries.read")) {
    return <NotAllowed title="Deliveries">Only an Infrastructure Architect may read outgoing deliveries. Your role is {actor.role}.</NotAllowed>;
  }
  const requested = (await searchParams).status;
  const filter: DeliveryFilter = DELIVERY_FILTERS.find((f) => f === requested) ?? "failed";
  const [rows, counts] = await Promise.all([listDeliveries(actor, { filter, limit: 100 }), deliveryCounts(actor)]);
  const mayRetry = can(actor.role, "deliveries.retry");
  const countOf = (f: DeliveryFilter) => (f === "all" ? counts.failed + counts.pending + counts.delivered : counts[f]);

  return (
    <>
      <PageHeader
        title="Deliveries"
        description="Outgoing notifications (in-app, email, webhooks) from the outbox. Failed ones stopped after the maximum number of attempts."
        actions={
          <>
            <Link href="/settings/webhooks" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
              Webhooks
            </Link>
            <Link href="/settings" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
              Settings
            </Link>
          </>
        }
      />
      <nav aria-label="Filter deliveries" className="mb-4 flex flex-wrap gap-2">
        {DELIVERY_FILTERS.map((f) => (
          <Link
            key={f}
            href={`/settings/deliveries?status=${f}`}
            aria-current={f === filter ? "page" : undefined}
            className={cn(
              "rounded-md border px-3 py-1 text-sm",
              f === filter ? "border-slate-900 bg-slate-900 text-white dark:border-slate-100 dark:bg-slate-100 dark:text-slate-900" : "border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800",
            )}
          >
            {LABELS[f]} ({countOf(f)})
          </Link>
        ))}
      </nav>
      <Card>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{filter === "failed" ? "No failed deliveries." : "Nothing here."}</p>
        ) : (
          <div className="overflow-x-auto">
            <DataTable
              caption={`${LABELS[filter]} deliveries, newest first (at most 100)`}
              rows={rows}
              rowKey={(d) => d.id}
              columns={[
                { header: "Created", cell: (d) => formatUtc(d.createdAt), className: "whitespace-nowrap" },
                { header: "Channel", cell: (d) => CHANNELS[d.channel] },
                { header: "To", cell: (d) => d.target, className: "font-mono text-xs break-all" },
                { header: "Subject", cell: (d) => d.subject },
                {
                  header: "Status",
                  cell: (d) => (
                    <>
                      <Badge tone={TONES[d.status]}>{d.status}</Badge>
                      <div className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                        {d.status === "delivered" ? formatUtc(d.deliveredAt) : d.status === "pending" ? `next try ${formatUtc(d.nextAttemptAt, true)}` : null}
                      </div>
                    </>
                  ),
                },
                { header: "Attempts", cell: (d) => d.attempts },
                { header: "Last error", cell: (d) => d.lastError ?? "", className: "text-xs wrap-anywhere text-red-800 dark:text-red-300" },
                {
                  header: "Actions",
                  srOnlyHeader: true,
                  cell: (d) => (mayRetry && d.status !== "delivered" ? <RetryDeliveryButton action={retryDeliveryAction} id={d.id} label={`Retry delivery ${d.subject} to ${d.target}`} /> : null),
                },
              ]}
            />
          </div>
        )}
      </Card>
    </>
  );
}
