import type { Metadata } from "next";
import { MaintenanceForm } from "@/components/maintenance/maintenance-form";
import { NotAllowed } from "@/components/layout/not-allowed";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { getMaintenance, listComponentOptions, listLinkableChanges } from "@/lib/maintenance/queries";
import { toUtcInputValue } from "@/lib/maintenance/window";
import { updateMaintenanceAction } from "../../actions";
import { orNotFound } from "@/lib/http/page";

export const metadata: Metadata = { title: "Edit maintenance" };
export const dynamic = "force-dynamic";

export default async function EditMaintenancePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const w = await orNotFound(getMaintenance(id));
  if (!can(actor.role, "maintenance.update")) {
    return <NotAllowed title={`Edit MW-${w.number}`}>Your role ({actor.role}) may not edit maintenance windows.</NotAllowed>;
  }
  const [components, changes] = await Promise.all([listComponentOptions(), listLinkableChanges(w.changeIds)]);
  return (
    <>
      <PageHeader
        title={`Edit MW-${w.number}`}
        description={w.notification === "sent" ? "This window was notified. Changing the window, components, type, impact, rollback or contact means a rescheduled notification must be sent." : "Times are entered in UTC."}
      />
      <MaintenanceForm
        action={updateMaintenanceAction}
        submitLabel="Save changes"
        components={components}
        changes={changes}
        hidden={{ id: w.id, version: String(w.version) }}
        initial={{
          title: w.title,
          windowStart: toUtcInputValue(new Date(w.windowStart)),
          windowEnd: toUtcInputValue(new Date(w.windowEnd)),
          componentIds: w.componentIds,
          type: w.type,
          impact: w.impact,
          rollback: w.rollback,
          contact: w.contact,
          changeIds: w.changeIds,
        }}
      />
    </>
  );
}
