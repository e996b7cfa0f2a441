"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";

/** "Cancel window": a reason is required (it is shown to stakeholders and on the status page); the server checks the rule. */
export function CancelMaintenanceForm({ id, version, isPublic, action }: { id: string; version: number; isPublic: boolean; action: Action<{ id: string }> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <Field id="cancel-reason" label="Reason for cancelling" error={failed?.fields?.reason} hint={isPublic ? "Shown on the public status page and sent to its subscribers." : "Sent to the stakeholders."}>
        {(p) => <Textarea {...p} name="reason" rows={2} maxLength={500} required defaultValue={failed?.values?.reason ?? ""} />}
      </Field>
      <Button type="submit" variant="destructive" disabled={pending}>
        {pending ? "Cancelling…" : "Cancel window"}
      </Button>
      {failed && !failed.fields?.reason ? <FormError message={failed.error} /> : null}
    </form>
  );
}
