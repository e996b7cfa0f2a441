"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormStatus } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import type { ActionState } from "@/lib/actions/define-action";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { formatMatcherLines, matcherFieldError, type ComponentDto } from "@/lib/components/schemas";
import { LIMITS } from "@/lib/components/schemas";

type Props = {
  /** Server action built with defineAction (create or update). */
  action: (prev: ActionState<ComponentDto>, form: FormData) => Promise<ActionState<ComponentDto>>;
  /** The component being edited; absent when adding one. */
  component?: ComponentDto;
  groups: string[];
};

/**
 * Add / edit form for a component. Field errors sit under each input and the
 * typed values survive a refused submit. Status is not a field: it is derived.
 */
export function ComponentForm({ action, component, groups }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const prefix = component ? `component-${component.id}` : "new-component";
  const failed = state && !state.ok ? state : null;
  const values = failed?.values;
  const fields = failed?.fields ?? {};
  const value = (key: "name" | "group" | "description" | "ownerRole" | "position") => values?.[key] ?? (component ? String(component[key]) : undefined);
  const isPublic = values ? values.public === "on" : (component?.public ?? true);
  const iacManaged = values ? values.iacManaged === "on" : (component?.iacManaged ?? false);
  const iacRepository = values?.iacRepository ?? component?.iacRepository ?? "";
  const matchers = values?.alertMatchers ?? formatMatcherLines(component?.alertMatchers ?? []);
  const label = component ? `Edit ${component.name}` : "Add component";

  return (
    <form action={formAction} aria-label={label} className="grid gap-3 sm:grid-cols-2" noValidate>
      {component ? <input type="hidden" name="id" value={component.id} /> : null}
      <div className="sm:col-span-2">
        <FormStatus state={state} error={fields._ ?? failed?.error} />
      </div>
      <Field id={`${prefix}-name`} label="Name" error={fields.name}>
        {(p) => <Input {...p} name="name" required maxLength={LIMITS.name} defaultValue={value("name")} />}
      </Field>
      <Field id={`${prefix}-group`} label="Group" error={fields.group} hint="e.g. Server, Network, Database">
        {(p) => (
          <>
            <Input {...p} name="group" required maxLength={LIMITS.group} list={`${prefix}-groups`} defaultValue={value("group")} />
            <datalist id={`${prefix}-groups`}>
              {groups.map((g) => (
                <option key={g} value={g} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field id={`${prefix}-owner`} label="Owner role" error={fields.ownerRole}>
        {(p) => (
          // Keyed by the value: React's form reset restores a select to its first default, so remount it to keep what was chosen.
          <Select {...p} key={value("ownerRole") ?? ""} name="ownerRole" defaultValue={value("ownerRole") ?? ""}>
            <option value="" disabled>
              Choose a role…
            </option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r} · {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id={`${prefix}-position`} label="Position in group" error={fields.position} hint="Lower numbers are listed first">
        {(p) => <Input {...p} name="position" type="number" min={0} max={10000} step={1} defaultValue={value("position") ?? "0"} />}
      </Field>
      <Field id={`${prefix}-description`} label="Description" error={fields.description} className="sm:col-span-2">
        {(p) => <Textarea {...p} name="description" maxLength={LIMITS.description} defaultValue={value("description")} />}
      </Field>
      <div className="flex items-center gap-2 sm:col-span-2">
        <input id={`${prefix}-public`} name="public" type="checkbox" defaultChecked={isPublic} className="h-4 w-4" />
        <label htmlFor={`${prefix}-public`} className="text-sm">
          Shown on the public status page
        </label>
        {fields.public ? <p className="text-sm text-red-700 dark:text-red-400">{fields.public}</p> : null}
      </div>
      <div className="flex items-center gap-2">
        <input id={`${prefix}-iac`} name="iacManaged" type="checkbox" defaultChecked={iacManaged} className="h-4 w-4" />
        <label htmlFor={`${prefix}-iac`} className="text-sm">
          Managed as code (IaC)
        </label>
        {fields.iacManaged ? <p className="text-sm text-red-700 dark:text-red-400">{fields.iacManaged}</p> : null}
      </div>
      <Field id={`${prefix}-iac-repo`} label="IaC repository" error={fields.iacRepository} hint="http(s) URL; optional">
        {(p) => <Input {...p} name="iacRepository" type="url" maxLength={LIMITS.iacRepository} defaultValue={iacRepository} />}
      </Field>
      <Field
        id={`${prefix}-matchers`}
        label="Alert matchers"
        error={matcherFieldError(fields)}
        hint="One per line: label=value or label=~regex. Alerts matching all of them belong to this component."
        className="sm:col-span-2"
      >
        {(p) => <Textarea {...p} name="alertMatchers" rows={3} maxLength={LIMITS.alertMatchersText} defaultValue={matchers} className="font-mono" />}
      </Field>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : component ? "Save changes" : "Add component"}
        </Button>
      </div>
    </form>
  );
}
