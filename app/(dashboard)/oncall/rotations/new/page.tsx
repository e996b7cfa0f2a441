import type { Metadata } from "next";
import { RotationForm } from "@/components/oncall/rotation-form";
import { Card, PageHeader } from "@/components/ui/card";
import { can, rolesWith } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listEngineers } from "@/lib/oncall/queries";
import { createRotationAction } from "../../actions";

export const metadata: Metadata = { title: "New rotation" };
export const dynamic = "force-dynamic";

export default async function NewRotationPage() {
  const actor = await requireActor();
  if (!can(actor.role, "rotations.manage"))
    return <PageHeader title="New rotation" description="Only an Infrastructure Architect manages rotations." />;
  const people = await listEngineers();
  return (
    <>
      <PageHeader title="New rotation" description="Members take turns in order; each shift starts at the handoff time (UTC)." />
      <Card>
        <RotationForm action={createRotationAction} people={people} roles={rolesWith("oncall.serve")} />
      </Card>
    </>
  );
}
