import type { Metadata } from "next";
import { NotAllowed } from "@/components/layout/not-allowed";
import Link from "next/link";
import { ActionButton } from "@/components/notifications/action-button";
import { WebhookTestButton } from "@/components/notifications/buttons";
import { CreateWebhookForm } from "@/components/notifications/webhook-form";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listWebhookEndpoints } from "@/lib/notify/queries";
import { formatUtc } from "@/lib/utils";
import { createWebhookEndpointAction, deleteWebhookEndpointAction, sendWebhookTestAction, setWebhookEndpointActiveAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  const actor = await requireActor();
  if (!can(actor.role, "webhooks.manage")) {
    return <NotAllowed title="Webhooks">Only an Infrastructure Architect may manage webhooks. Your role is {actor.role}.</NotAllowed>;
  }
  const hooks = await listWebhookEndpoints(actor);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Every notification (pages, incidents, approvals, maintenance notices) is also POSTed to each active endpoint."
        actions={
          <>
            <Link href="/settings/deliveries" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
              Deliveries
            </Link>
            <Link href="/settings" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
              Settings
            </Link>
          </>
        }
      />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-1 text-lg font-semibold">Add endpoint</h2>
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
            <strong>Generic JSON</strong>: <code>{"{id, event, title, body, link, data, timestamp}"}</code> with an <code>X-OpsGate-Event</code> header (and{" "}
            <code>X-OpsGate-Signature: sha256=…</code> when <code>OPSGATE_WEBHOOK_SECRET</code> is set). <strong>Slack-compatible</strong>: <code>{"{text}"}</code> for
            incoming webhooks. Failed deliveries are retried with backoff.
          </p>
          <CreateWebhookForm action={createWebhookEndpointAction} />
        </Card>

        <Card>
          <h2 className="mb-3 text-lg font-semibold">Endpoints</h2>
          {hooks.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No webhook endpoints yet.</p>
          ) : (
            <div className="overflow-x-auto">
                <DataTable
                  caption="Webhook endpoints"
                  rows={hooks}
                  rowKey={(h) => h.id}
                  columns={[
                    { header: "Name", cell: (h) => h.name, className: "font-medium" },
                    { header: "URL", cell: (h) => h.url, className: "font-mono text-xs break-all" },
                    { header: "Format", cell: (h) => (h.format === "slack" ? "Slack-compatible" : "Generic JSON") },
                    { header: "State", cell: (h) => (h.active ? <Badge tone="green">Active</Badge> : <Badge>Paused</Badge>) },
                    { header: "Added", cell: (h) => formatUtc(h.createdAt), className: "whitespace-nowrap" },
                    {
                      header: "Actions",
                      srOnlyHeader: true,
                      cell: (h) => (
                        <div className="flex flex-wrap gap-2">
                          <ActionButton
                            action={setWebhookEndpointActiveAction}
                            fields={{ id: h.id, active: String(!h.active) }}
                            label={h.active ? "Pause" : "Activate"}
                            pendingLabel="Saving…"
                            ariaLabel={`${h.active ? "Pause" : "Activate"} ${h.name}`}
                          />
                          <WebhookTestButton action={sendWebhookTestAction} id={h.id} name={h.name} />
                          <ActionButton action={deleteWebhookEndpointAction} fields={{ id: h.id }} label="Delete" pendingLabel="Deleting…" variant="destructive" ariaLabel={`Delete ${h.name}`} />
                        </div>
                      ),
                    },
                  ]}
                />
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
