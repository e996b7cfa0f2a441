import type { Metadata } from "next";
import { MaintenanceForm } from "@/components/maintenance/maintenance-form";
import { NotAllowed } from "@/components/layout/not-allowed";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { defaultContact, listComponentOptions, listLinkableChanges } from "@/lib/maintenance/queries";
import { createMaintenanceAction } from "../actions";

export const metadata: Metadata = { title: "Schedule maintenance" };
export const dynamic = "force-dynamic";

export default async function NewMaintenancePage({ searchParams }: { searchParams: Promise<{ changeId?: string }> }) {
  const actor = await requireActor();
  if (!can(actor.role, "maintenance.create")) {
    return <NotAllowed title="Schedule maintenance">Your role ({actor.role}) may read maintenance windows but not schedule them.</NotAllowed>;
  }
  const { changeId } = await searchParams;
  const now = new Date();
  const [components, changes, contact] = await Promise.all([listComponentOptions(), listLinkableChanges(changeId ? [changeId] : []), defaultContact(now)]);
  // Scheduling from a change: link it and mark its component as affected.
  const linked = changes.filter((c) => c.id === changeId);
  return (
    <>
      <PageHeader
        title="Schedule maintenance"
        description={linked.length ? `For CR-${linked[0].number}: ${linked[0].description}. Times are entered in UTC.` : "The Maintenance Notification template. Times are entered in UTC."}
      />
      <MaintenanceForm
        action={createMaintenanceAction}
        submitLabel="Schedule window"
        components={components}
        changes={changes}
        initial={{ title: linked[0]?.description ?? "", windowStart: "", windowEnd: "", componentIds: linked.map((c) => c.componentId), type: "", impact: "", rollback: "Available", contact, changeIds: linked.map((c) => c.id) }}
      />
    </>
  );
}
