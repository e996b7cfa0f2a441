import type { Metadata } from "next";
import { DeleteRotationForm, RotationForm } from "@/components/oncall/rotation-form";
import { Card, PageHeader } from "@/components/ui/card";
import { can, rolesWith } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listEngineers } from "@/lib/oncall/queries";
import { getRotation } from "@/lib/oncall/rotations";
import { deleteRotationAction, updateRotationAction } from "../../actions";
import { orNotFound } from "@/lib/http/page";

export const metadata: Metadata = { title: "Edit rotation" };
export const dynamic = "force-dynamic";

export default async function EditRotationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor.role, "rotations.manage")) return <PageHeader title="Edit rotation" description="Only an Infrastructure Architect manages rotations." />;
  const { id } = await params;
  const rotation = await orNotFound(getRotation(id));
  const engineers = await listEngineers();
  // members who can no longer be on call stay visible (marked) so the ARCHITECT can remove them
  const people = [
    ...engineers,
    ...rotation.members.filter((m) => !engineers.some((e) => e.id === m.user.id)).map((m) => ({ ...m.user, name: `${m.user.name} (deactivated)` })),
  ];
  return (
    <>
      <PageHeader title={`Edit ${rotation.name}`} description="Changing members or the handoff time re-plans every future shift." />
      <Card>
        <RotationForm
          action={updateRotationAction}
          people={people}
          roles={rolesWith("oncall.serve")}
          rotation={{ ...rotation, memberIds: rotation.members.map((m) => m.user.id) }}
        />
      </Card>
      {can(actor.role, "rotations.delete") ? (
        <Card className="mt-6">
          <h2 className="mb-2 font-semibold">Delete rotation</h2>
          <DeleteRotationForm action={deleteRotationAction} id={rotation.id} name={rotation.name} />
        </Card>
      ) : null}
    </>
  );
}
