import type { Metadata } from "next";
import Link from "next/link";
import { TemplateActiveForm, TemplateForm } from "@/components/changes/template-forms";
import { Button } from "@/components/ui/button";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { changeFormOptions } from "@/lib/changes/queries";
import { listTemplates } from "@/lib/changes/templates";
import { createTemplateAction, templateActiveAction } from "../actions";

export const metadata: Metadata = { title: "Standard change templates" };
export const dynamic = "force-dynamic";

export default async function TemplatesPage() {
  const actor = await requireActor();
  const manage = can(actor.role, "templates.manage");
  const [templates, { components }] = await Promise.all([listTemplates(), manage ? changeFormOptions() : Promise.resolve({ components: [] })]);
  return (
    <>
      <PageHeader
        title="Standard change templates"
        description="Pre-approved, low-risk changes. A Standard change filed from a template needs no human approval: once its Change Approval checklist holds, the template's approval counts."
      />
      <ul className="mb-8 grid gap-4" aria-label="Templates">
        {templates.map((t) => (
          <li key={t.id}>
            <Card className="space-y-2">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="text-lg font-semibold">
                  {t.name} {t.active ? null : <Badge tone="red">retired</Badge>}
                </h2>
                <div className="flex items-center gap-2">
                  {t.active && can(actor.role, "changes.create") ? (
                    <Button asChild size="sm">
                      <Link href={`/changes/new?template=${t.id}`} aria-label={`File a Standard change from ${t.name}`}>
                        File a Standard change
                      </Link>
                    </Button>
                  ) : null}
                  {manage ? <TemplateActiveForm action={templateActiveAction} id={t.id} version={t.version} active={t.active} /> : null}
                </div>
              </div>
              <p className="text-sm">
                {t.type} on {t.components.map((c) => c.name).join(", ")} · risk Low · approved by {t.approvedBy.name} (version {t.version})
              </p>
              <p className="text-sm text-slate-700 dark:text-slate-300">{t.description}</p>
            </Card>
          </li>
        ))}
        {!templates.length ? <li className="text-sm text-slate-600">No templates yet.</li> : null}
      </ul>
      {manage ? (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">New template</h2>
          <TemplateForm action={createTemplateAction} components={components} />
        </Card>
      ) : null}
    </>
  );
}
