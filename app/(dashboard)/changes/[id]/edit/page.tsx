import type { Metadata } from "next";
import Link from "next/link";
import { ChangeForm } from "@/components/changes/change-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { listFreezes } from "@/lib/changes/freezes";
import { changeFormOptions, getChange } from "@/lib/changes/queries";
import { updateChangeAction } from "../../actions";
import { orNotFound } from "@/lib/http/page";

export const metadata: Metadata = { title: "Edit change request" };
export const dynamic = "force-dynamic";

/** "2026-12-01T02:00:00.000Z" → "2026-12-01T02:00" (a datetime-local value, read back as UTC). */
const utcInput = (iso: string | null) => (iso ? iso.slice(0, 16) : "");

export default async function EditChangePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const change = await orNotFound(getChange(id, actor));
  const title = `Edit CR-${change.number}`;
  if (!change.can?.edit) {
    return (
      <>
        <PageHeader title={title} />
        <Card role="alert" className="space-y-2">
          <p>{change.can?.editRefusal}</p>
          <Link href={`/changes/${change.id}`} className="text-sky-700 hover:underline dark:text-sky-400">
            Back to CR-{change.number}
          </Link>
        </Card>
      </>
    );
  }
  const [{ components }, freezes] = await Promise.all([changeFormOptions(), listFreezes()]);
  const values: Record<string, string> = {
    type: change.type,
    componentId: change.componentId,
    description: change.description,
    justification: change.justification,
    timeline: change.timeline,
    impact: change.impact,
    riskLevel: change.riskLevel ?? "",
    riskAssessment: change.riskAssessment ?? "",
    structural: change.structural ? "on" : "",
    rollbackPlan: change.rollbackPlan ?? "",
    monitoring: change.monitoring ?? "",
    plannedStart: utcInput(change.plannedStart),
    plannedEnd: utcInput(change.plannedEnd),
    kind: change.kind,
  };
  return (
    <>
      <PageHeader title={title} description={`${change.status} · version ${change.version}. If someone else saves first, you will be asked to reload.`} />
      <ChangeForm
        action={updateChangeAction}
        components={components}
        freezes={freezes}
        edit={{ id: change.id, version: change.version, values, cancelHref: `/changes/${change.id}`, hadApprovals: change.status === "Submitted" && change.approvals.length > 0 }}
      />
    </>
  );
}
