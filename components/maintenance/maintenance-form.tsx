"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import type { ActionState } from "@/lib/actions/define-action";
import { MAINTENANCE_TYPES, ROLLBACK_VALUES } from "@/lib/maintenance/window";
import { UtcDateTimeInput } from "./utc-datetime-input";
import { LIMITS } from "@/lib/maintenance/schemas";

export type MaintenanceFormValues = {
  title: string;
  windowStart: string; // YYYY-MM-DDTHH:mm, UTC
  windowEnd: string;
  componentIds: string[];
  type: string;
  impact: string;
  rollback: string;
  contact: string;
  changeIds: string[];
};

type Option = { id: string; name: string; group: string };
type ChangeOption = { id: string; number: number; description: string; status: string; component: string };
type State<T> = { result: ActionState<T>; values: MaintenanceFormValues; attempt: number };

function valuesOf(form: FormData): MaintenanceFormValues {
  const one = (k: string) => String(form.get(k) ?? "");
  const all = (k: string) => form.getAll(k).map(String);
  return { title: one("title"), windowStart: one("windowStart"), windowEnd: one("windowEnd"), componentIds: all("componentIds"), type: one("type"), impact: one("impact"), rollback: one("rollback"), contact: one("contact"), changeIds: all("changeIds") };
}

/**
 * The Maintenance Notification template as a form (create and edit). Field
 * errors come from the shared zod schema via the command; on failure the form
 * is re-rendered with what was typed.
 */
export function MaintenanceForm<T>({
  action,
  initial,
  components,
  changes,
  hidden = {},
  submitLabel,
}: {
  action: (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
  initial: MaintenanceFormValues;
  components: Option[];
  changes: ChangeOption[];
  hidden?: Record<string, string>;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState<State<T>, FormData>(
    async (prev, form) => {
      const result = await action(prev.result, form);
      return { result, values: valuesOf(form), attempt: prev.attempt + 1 };
    },
    { result: null, values: initial, attempt: 0 },
  );
  const failed = state.result && !state.result.ok ? state.result : null;
  const errors = failed?.fields ?? {};
  const v = state.values;
  const groups = [...new Set(components.map((c) => c.group))];

  return (
    // keyed by attempt: after a failed submit the inputs remount with what was typed
    <form key={state.attempt} action={formAction} className="max-w-3xl space-y-5" noValidate>
      {Object.entries(hidden).map(([k, val]) => (
        <input key={k} type="hidden" name={k} value={val} />
      ))}
      <FormError message={failed?.error} />
      <Field id="title" label="Title" error={errors.title}>
        {(p) => <Input {...p} name="title" defaultValue={v.title} required maxLength={LIMITS.title} />}
      </Field>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">WINDOW (UTC)</legend>
        <Field id="windowStart" label="Start (UTC)" error={errors.windowStart}>
          {(p) => <UtcDateTimeInput {...p} name="windowStart" defaultValue={v.windowStart} required />}
        </Field>
        <Field id="windowEnd" label="End (UTC)" error={errors.windowEnd}>
          {(p) => <UtcDateTimeInput {...p} name="windowEnd" defaultValue={v.windowEnd} required />}
        </Field>
      </fieldset>
      <fieldset className="space-y-2" aria-describedby={errors.componentIds ? "componentIds-error" : undefined}>
        <legend className="text-sm font-semibold">AFFECTED components</legend>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {groups.map((g) => (
            <div key={g} role="group" aria-label={g} className="rounded-md border border-slate-200 p-2 dark:border-slate-800">
              <p className="mb-1 text-xs font-medium uppercase text-slate-500">{g}</p>
              {components
                .filter((c) => c.group === g)
                .map((c) => (
                  <label key={c.id} className="flex items-center gap-2 py-0.5 text-sm">
                    <input type="checkbox" name="componentIds" value={c.id} defaultChecked={v.componentIds.includes(c.id)} className="h-4 w-4" />
                    {c.name}
                  </label>
                ))}
            </div>
          ))}
        </div>
        {errors.componentIds ? (
          <p id="componentIds-error" className="text-sm text-red-700 dark:text-red-400">
            {errors.componentIds}
          </p>
        ) : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="type" label="TYPE" error={errors.type}>
          {(p) => (
            <Select {...p} name="type" defaultValue={v.type}>
              <option value="">Choose…</option>
              {MAINTENANCE_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="rollback" label="ROLLBACK" error={errors.rollback}>
          {(p) => (
            <Select {...p} name="rollback" defaultValue={v.rollback}>
              <option value="">Choose…</option>
              {ROLLBACK_VALUES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Field id="impact" label="IMPACT" error={errors.impact} hint="What users will notice during the window.">
        {(p) => <Textarea {...p} name="impact" defaultValue={v.impact} required maxLength={LIMITS.impact} />}
      </Field>
      <Field id="contact" label="CONTACT" error={errors.contact} hint="Defaults to the SRE on call; leave empty to use whoever is on call when the window starts.">
        {(p) => <Input {...p} name="contact" defaultValue={v.contact} maxLength={LIMITS.contact} />}
      </Field>
      <fieldset className="space-y-2" aria-describedby={errors.changeIds ? "changeIds-error" : undefined}>
        <legend className="text-sm font-semibold">Linked change requests</legend>
        {changes.length ? (
          <div className="max-h-64 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2 dark:border-slate-800">
            {changes.map((c) => (
              <label key={c.id} className="flex items-start gap-2 py-0.5 text-sm">
                <input type="checkbox" name="changeIds" value={c.id} defaultChecked={v.changeIds.includes(c.id)} className="mt-0.5 h-4 w-4" />
                <span>
                  CR-{c.number} {c.description} <span className="text-slate-500">({c.component}, {c.status})</span>
                </span>
              </label>
            ))}
          </div>
        ) : (
          <p className="text-sm text-slate-500">No open change requests.</p>
        )}
        {errors.changeIds ? (
          <p id="changeIds-error" className="text-sm text-red-700 dark:text-red-400">
            {errors.changeIds}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </Button>
    </form>
  );
}
