"use client";

import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, FormStatus } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { FormAction } from "./action-button";
import { LIMITS } from "@/lib/notify/schemas";

/** Adds a webhook endpoint (name, http(s) URL, generic JSON or Slack-compatible text). */
export function CreateWebhookForm<T>({ action }: { action: FormAction<T> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  return (
    <form ref={formRef} action={formAction} aria-label="Add webhook endpoint" className="space-y-3" noValidate>
      <div className="grid gap-3 md:grid-cols-[1fr_2fr_auto]">
        <Field id="webhook-name" label="Name" error={failed?.fields?.name} hint="e.g. “#ops-alerts”">
          {(p) => <Input {...p} name="name" required maxLength={LIMITS.name} defaultValue={failed?.values?.name} />}
        </Field>
        <Field id="webhook-url" label="URL" error={failed?.fields?.url} hint="http:// or https://; it receives a POST per notification">
          {(p) => <Input {...p} name="url" type="url" inputMode="url" required maxLength={LIMITS.url} placeholder="https://" defaultValue={failed?.values?.url} />}
        </Field>
        <Field id="webhook-format" label="Format" error={failed?.fields?.format}>
          {(p) => (
            <Select {...p} name="format" defaultValue={failed?.values?.format ?? "generic"}>
              <option value="generic">Generic JSON</option>
              <option value="slack">Slack-compatible</option>
            </Select>
          )}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add endpoint"}
        </Button>
        <FormStatus state={state} />
      </div>
      {failed && !failed.fields ? <FormError message={failed.error} /> : null}
    </form>
  );
}
