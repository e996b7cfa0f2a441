import type { Metadata } from "next";
import Link from "next/link";
import { CreateIntegrationForm, RevokeIntegrationButton } from "@/components/alerts/integration-form";
import { NotAllowed } from "@/components/layout/not-allowed";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { listIntegrations } from "@/lib/alerts/integrations";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listComponents } from "@/lib/components/queries";
import { formatUtc } from "@/lib/utils";
import { createIntegrationAction, revokeIntegrationAction } from "./actions";

export const metadata: Metadata = { title: "Integrations" };
export const dynamic = "force-dynamic";

export default async function IntegrationsPage() {
  const actor = await requireActor();
  if (!can(actor.role, "integrations.manage")) {
    return <NotAllowed title="Integrations">Only an Infrastructure Architect may manage alert integrations. Your role is {actor.role}.</NotAllowed>;
  }
  const [rows, components] = await Promise.all([listIntegrations(actor), listComponents({ limit: 100 })]);
  const names = new Map(components.data.map((c) => [c.id, c.name]));
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Alert sources (Alertmanager, Grafana, PagerDuty Events v2, generic webhooks, heartbeats) that open, group, page and resolve incidents."
        actions={
          <Link href="/settings" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
            Settings
          </Link>
        }
      />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Add integration</h2>
          <CreateIntegrationForm action={createIntegrationAction} components={components.data.map((c) => ({ id: c.id, name: c.name }))} />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Integrations</h2>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No integrations yet.</p>
          ) : (
            <div className="overflow-x-auto">
                <DataTable
                  caption="Integrations"
                  rows={rows}
                  rowKey={(r) => r.id}
                  columns={[
                    { header: "Name", cell: (r) => r.name, className: "font-medium" },
                    { header: "Kind", cell: (r) => `${r.kind}${r.kind === "heartbeat" ? ` · every ${r.heartbeatIntervalSec} s · last ping ${r.lastPingAt ? formatUtc(r.lastPingAt) : "never"}` : ""}` },
                    { header: "Key", cell: (r) => `${r.keyPrefix}…`, className: "font-mono text-xs" },
                    { header: "Default components", cell: (r) => r.defaultComponentIds.map((id) => names.get(id) ?? id).join(", ") },
                    { header: "Auto-resolve", cell: (r) => (r.autoResolve ? "yes" : "no (commander closes)") },
                    { header: "State", cell: (r) => (r.revokedAt ? <Badge>Revoked {formatUtc(r.revokedAt)}</Badge> : <Badge tone="green">Active</Badge>) },
                    { header: "Actions", srOnlyHeader: true, cell: (r) => (r.revokedAt ? null : <RevokeIntegrationButton action={revokeIntegrationAction} id={r.id} name={r.name} />) },
                  ]}
                />
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
