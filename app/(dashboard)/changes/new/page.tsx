import type { Metadata } from "next";
import { ChangeForm } from "@/components/changes/change-form";
import { PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { changeFormOptions } from "@/lib/changes/queries";
import { createChangeAction } from "../actions";

export const metadata: Metadata = { title: "New change request" };
export const dynamic = "force-dynamic";

export default async function NewChangePage() {
  await requireActor();
  const { components } = await changeFormOptions();
  return (
    <>
      <PageHeader title="New change request" description="The Change Request template. Save as a draft, or submit it for approval." />
      <ChangeForm action={createChangeAction} components={components} />
    </>
  );
}
