"use client";

import { useActionState, useEffect, useRef } from "react";
import { ActionButton, type FormAction } from "@/components/notifications/action-button";
import { Button } from "@/components/ui/button";
import { Field, FormError, FormStatus } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { CONTACT_KIND_LABELS, CONTACT_KINDS } from "@/lib/contacts/schemas";

/** Adds a contact method: email address, Slack incoming-webhook URL, ntfy topic URL or webhook URL. */
export function CreateContactMethodForm<T>({ action }: { action: FormAction<T> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  return (
    <form ref={formRef} action={formAction} aria-label="Add contact method" className="space-y-3" noValidate>
      <div className="grid gap-3 md:grid-cols-[auto_1fr_2fr]">
        <Field id="contact-kind" label="Kind" error={failed?.fields?.kind}>
          {(p) => (
            <Select {...p} name="kind" defaultValue={failed?.values?.kind ?? "email"}>
              {CONTACT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {CONTACT_KIND_LABELS[k]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="contact-label" label="Name" error={failed?.fields?.label} hint="e.g. “Phone”">
          {(p) => <Input {...p} name="label" required maxLength={80} defaultValue={failed?.values?.label} />}
        </Field>
        <Field id="contact-target" label="Address or URL" error={failed?.fields?.target} hint="An email address, or the https:// URL of the Slack webhook / ntfy topic / webhook">
          {(p) => <Input {...p} name="target" required maxLength={2000} defaultValue={failed?.values?.target} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add contact method"}
        </Button>
        <FormStatus state={state} />
      </div>
      {failed && !failed.fields ? <FormError message={failed.error} /> : null}
    </form>
  );
}

/** "After N minutes of a page, use this method." */
export function CreateRuleForm<T>({ action, methods }: { action: FormAction<T>; methods: { id: string; label: string }[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} aria-label="Add notification rule" className="space-y-3" noValidate>
      <div className="grid gap-3 md:grid-cols-[1fr_auto]">
        <Field id="rule-method" label="Contact method" error={failed?.fields?.contactMethodId}>
          {(p) => (
            <Select {...p} name="contactMethodId" defaultValue={failed?.values?.contactMethodId}>
              {methods.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="rule-delay" label="Minutes after the page" error={failed?.fields?.delayMinutes} hint="0 = immediately">
          {(p) => <Input {...p} name="delayMinutes" type="number" min={0} max={1440} required defaultValue={failed?.values?.delayMinutes ?? "0"} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add rule"}
        </Button>
        <FormStatus state={state} />
      </div>
      {failed && !failed.fields ? <FormError message={failed.error} /> : null}
    </form>
  );
}

type Outcome = { delivered: boolean; lastError: string | null };

export function ContactTestButton<T extends Outcome>({ action, id, name }: { action: FormAction<T>; id: string; name: string }) {
  return (
    <ActionButton
      action={action}
      fields={{ id }}
      label="Send test"
      pendingLabel="Sending…"
      ariaLabel={`Send a test message to ${name}`}
      successText={(d) => (d ? (d.delivered ? "Test delivered." : `Not delivered${d.lastError ? `: ${d.lastError}` : ""}. It will be retried.`) : null)}
    />
  );
}
