import type { Metadata } from "next";
import { DeclareForm } from "@/components/incidents/declare-form";
import { Card, PageHeader } from "@/components/ui/card";
import { NotAllowed } from "@/components/layout/not-allowed";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { getIncidentFormOptions } from "@/lib/incidents/queries";
import { declareIncidentAction } from "../actions";

export const metadata: Metadata = { title: "Declare incident" };
export const dynamic = "force-dynamic";

export default async function NewIncidentPage() {
  const actor = await requireActor();
  if (!can(actor.role, "incidents.declare"))
    return <NotAllowed title="Declare incident">Your role ({actor.role}) may follow incidents but not declare them.</NotAllowed>;
  const o = await getIncidentFormOptions();
  return (
    <>
      <PageHeader title="Declare incident" description="The Incident Communication template. Declaring pages the SRE on call at once and starts the escalation timers." />
      <Card>
        <DeclareForm action={declareIncidentAction} components={o.components} engineers={o.engineers} defaultCommanderId={o.defaultCommanderId} onCallName={o.onCall?.name ?? null} />
      </Card>
    </>
  );
}
