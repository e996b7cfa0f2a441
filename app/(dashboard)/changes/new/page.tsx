import type { Metadata } from "next";
import { ChangeForm } from "@/components/changes/change-form";
import { NotAllowed } from "@/components/layout/not-allowed";
import { PageHeader } from "@/components/ui/card";
import { can, permissionPhrase } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { changeFormOptions } from "@/lib/changes/queries";
import { createChangeAction } from "../actions";

export const metadata: Metadata = { title: "New change request" };
export const dynamic = "force-dynamic";

export default async function NewChangePage() {
  const actor = await requireActor();
  // Refused before the form, not after a filled-in submit (the command still checks).
  if (!can(actor.role, "changes.create")) {
    return (
      <NotAllowed title="New change request">
        Your role ({actor.role}) may not {permissionPhrase("changes.create")}. Ask an engineer of the component&apos;s team to file it.
      </NotAllowed>
    );
  }
  const { components } = await changeFormOptions();
  return (
    <>
      <PageHeader title="New change request" description="The Change Request template. Save as a draft, or submit it for approval." />
      <ChangeForm action={createChangeAction} components={components} />
    </>
  );
}
