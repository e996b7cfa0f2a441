import type { Metadata } from "next";
import Link from "next/link";
import { ChangeForm } from "@/components/changes/change-form";
import { NotAllowed } from "@/components/layout/not-allowed";
import { FileFromTemplateForm } from "@/components/changes/template-forms";
import { Card, PageHeader } from "@/components/ui/card";
import { can, permissionPhrase } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listFreezes } from "@/lib/changes/freezes";
import { changeFormOptions, openMajorIncidentOptions } from "@/lib/changes/queries";
import { getTemplate } from "@/lib/changes/templates";
import { orNotFound } from "@/lib/http/page";
import { createChangeAction, fileFromTemplateAction } from "../actions";

export const metadata: Metadata = { title: "New change request" };
export const dynamic = "force-dynamic";

export default async function NewChangePage({ searchParams }: { searchParams: Promise<{ template?: string }> }) {
  const actor = await requireActor();
  // Refused before the form, not after a filled-in submit (the command still checks).
  if (!can(actor.role, "changes.create")) {
    return (
      <NotAllowed title="New change request">
        Your role ({actor.role}) may not {permissionPhrase("changes.create")}. Ask an engineer of the component&apos;s team to file it.
      </NotAllowed>
    );
  }
  const { template: templateId } = await searchParams;
  const freezes = await listFreezes();
  if (templateId) {
    const t = await orNotFound(getTemplate(templateId));
    return (
      <>
        <PageHeader title={`Standard change: ${t.name}`} description="Pre-approved by its template: once the Change Approval checklist holds (a linked, notified maintenance window), it is scheduled with no human approval." />
        <Card className="mb-4 max-w-3xl text-sm">
          <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1">
            <dt className="font-medium">TYPE</dt>
            <dd>{t.type}</dd>
            <dt className="font-medium">DESCRIPTION</dt>
            <dd>{t.description}</dd>
            <dt className="font-medium">Risk</dt>
            <dd>Low: {t.riskAssessment}</dd>
            <dt className="font-medium">Rollback plan</dt>
            <dd>{t.rollbackPlan}</dd>
            <dt className="font-medium">Monitoring</dt>
            <dd className="break-words">{t.monitoring}</dd>
            <dt className="font-medium">Approved by</dt>
            <dd>
              {t.approvedBy.name} (version {t.version})
            </dd>
          </dl>
        </Card>
        {t.active ? (
          <FileFromTemplateForm action={fileFromTemplateAction} templateId={t.id} components={t.components} freezes={freezes} />
        ) : (
          <p role="alert">
            This template is retired. <Link href="/changes/templates">Choose another template</Link>.
          </p>
        )}
      </>
    );
  }
  const [{ components }, incidents] = await Promise.all([changeFormOptions(), openMajorIncidentOptions()]);
  return (
    <>
      <PageHeader
        title="New change request"
        description={
          <>
            The Change Request template. Save as a draft, or submit it for approval. Routine work? <Link href="/changes/templates" className="text-sky-700 underline dark:text-sky-400">File a Standard change from a template</Link>.
          </>
        }
      />
      <ChangeForm action={createChangeAction} components={components} freezes={freezes} incidents={incidents} />
    </>
  );
}
