import type { Metadata } from "next";
import { ComponentForm } from "@/components/service-components/component-form";
import { ComponentStatusBadge } from "@/components/service-components/status-badge";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { groupComponents, listAllComponents } from "@/lib/components/queries";
import { createComponentAction, updateComponentAction } from "./actions";

export const metadata: Metadata = { title: "Components" };
export const dynamic = "force-dynamic";

export default async function ComponentsPage() {
  const actor = await requireActor();
  const components = await listAllComponents();
  const grouped = groupComponents(components);
  const groups = grouped.map((g) => g.group);
  const canCreate = can(actor.role, "components.create");
  const canEdit = can(actor.role, "components.update");

  return (
    <>
      <PageHeader
        title="Components"
        description="What OpsGate tracks: each component has an owning role and a status derived from open incidents and maintenance windows."
      />
      {canCreate ? (
        <Card className="mb-8">
          <h2 className="mb-3 text-lg font-semibold">Add component</h2>
          <ComponentForm action={createComponentAction} groups={groups} />
        </Card>
      ) : null}
      {grouped.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No components yet.</p> : null}
      <div className="space-y-8">
        {grouped.map(({ group, items }, i) => (
          <section key={group} aria-labelledby={`group-${i}`}>
            <h2 id={`group-${i}`} className="mb-2 text-lg font-semibold">
              {group}
            </h2>
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
              {items.map((c) => (
                <li key={c.id} className="p-3" data-testid="component-row" aria-label={c.name}>
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <div>
                      <p className="font-medium">{c.name}</p>
                      {c.description ? <p className="text-sm text-slate-600 dark:text-slate-400">{c.description}</p> : null}
                    </div>
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge title="Owner role">{c.ownerRole}</Badge>
                      {c.public ? null : <Badge tone="violet">Internal only</Badge>}
                      <ComponentStatusBadge status={c.status} />
                    </div>
                  </div>
                  {canEdit ? (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-sm text-sky-700 hover:underline dark:text-sky-400">Edit {c.name}</summary>
                      <div className="mt-3">
                        <ComponentForm action={updateComponentAction} component={c} groups={groups} />
                      </div>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
