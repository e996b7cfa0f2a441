"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";
import { LIMITS } from "@/lib/incidents/schemas";


/** "Document & Close": the resolution note is required; the server refuses an empty one (no browser-only check). */
export function ResolveForm({ incidentId, version, action }: { incidentId: string; version: number; action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const fields = failed?.fields ?? {};
  return (
    <form action={formAction} aria-label="Document and close" className="space-y-3" noValidate>
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="version" value={version} />
      <FormError message={failed && !fields.resolution ? failed.error : null} />
      <Field id="resolve-note" label="Resolution note" hint="What fixed it, root cause if known, follow-ups" error={fields.resolution}>
        {(p) => <Textarea {...p} name="resolution" aria-required="true" maxLength={LIMITS.resolution} defaultValue={failed?.values?.resolution} />}
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="public" defaultChecked className="h-4 w-4" />
        Publish the resolution on the status page
      </label>
      <Button type="submit" variant="destructive" disabled={pending}>
        {pending ? "Closing…" : "Document & Close"}
      </Button>
    </form>
  );
}

/** Reopen a resolved incident (commander or ARCHITECT; the server decides). */
export function ReopenForm({ incidentId, version, action }: { incidentId: string; version: number; action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const fields = failed?.fields ?? {};
  return (
    <form action={formAction} aria-label="Reopen incident" className="space-y-3" noValidate>
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="version" value={version} />
      <FormError message={failed && !fields.reason ? failed.error : null} />
      <Field id="reopen-reason" label="Reason for reopening" error={fields.reason}>
        {(p) => <Textarea {...p} name="reason" aria-required="true" maxLength={LIMITS.text} defaultValue={failed?.values?.reason} />}
      </Field>
      <Button type="submit" variant="outline" disabled={pending}>
        {pending ? "Reopening…" : "Reopen incident"}
      </Button>
    </form>
  );
}
