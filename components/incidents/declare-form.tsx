"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import type { ActionState } from "@/lib/actions/define-action";
import { SEVERITIES } from "@/lib/incidents/state-machine";
import { SEVERITY_LABELS } from "./badges";
import { LIMITS } from "@/lib/incidents/schemas";

type Option = { id: string; name: string };
type Props = {
  action: (prev: ActionState<{ id: string }>, form: FormData) => Promise<ActionState<{ id: string }>>;
  components: (Option & { group: string; public?: boolean })[];
  engineers: (Option & { role: string })[];
  defaultCommanderId: string | null;
  onCallName: string | null;
};

/** The Incident Communication template as a form: fast to fill under stress, keeps values on a refused submit. */
export function DeclareForm({ action, components, engineers, defaultCommanderId, onCallName }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const fields = failed?.fields ?? {};
  const values = failed?.values;
  // controlled, so a refused submit (which resets the form) keeps every ticked component
  const [chosen, setChosen] = useState<Set<string>>(() => new Set());
  const toggle = (id: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const groups = [...new Set(components.map((c) => c.group))];
  // "Publish" follows the components until the user decides: on when any chosen component is public
  // (or none is chosen yet), off when all are internal — internal-only incidents never reach /status anyway.
  const [publishChoice, setPublishChoice] = useState<boolean | null>(values ? values.public === "on" : null);
  const chosenList = components.filter((c) => chosen.has(c.id));
  const anyPublic = chosenList.length === 0 || chosenList.some((c) => c.public !== false);
  const publish = publishChoice ?? anyPublic;

  return (
    <form action={formAction} aria-label="Declare incident" className="grid gap-4" noValidate>
      <FormError message={failed ? (fields._ ?? failed.error) : null} />
      <Field id="inc-title" label="INCIDENT" hint="A brief description, e.g. “Database connection errors”" error={fields.title}>
        {(p) => <Input {...p} name="title" autoFocus required maxLength={LIMITS.title} defaultValue={values?.title} />}
      </Field>
      <fieldset className="space-y-1" aria-describedby={fields.severity ? "inc-severity-error" : undefined}>
        <legend className="text-sm font-medium">SEVERITY</legend>
        <div className="grid gap-2 sm:grid-cols-4">
          {SEVERITIES.map((s) => (
            <label key={s} className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-slate-900 has-[:checked]:bg-slate-100 dark:border-slate-700 dark:has-[:checked]:border-slate-200 dark:has-[:checked]:bg-slate-800">
              <input type="radio" name="severity" value={s} defaultChecked={values?.severity === s} className="h-4 w-4" />
              {SEVERITY_LABELS[s]}
            </label>
          ))}
        </div>
        {fields.severity ? (
          <p id="inc-severity-error" className="text-sm text-red-700 dark:text-red-400">
            {fields.severity}
          </p>
        ) : null}
      </fieldset>
      <Field id="inc-impact" label="IMPACT" hint="What is affected, for whom" error={fields.impact}>
        {(p) => <Textarea {...p} name="impact" required maxLength={LIMITS.text} defaultValue={values?.impact} />}
      </Field>
      <fieldset className="space-y-1" aria-describedby={fields.componentIds ? "inc-components-error" : undefined}>
        <legend className="text-sm font-medium">Affected components</legend>
        <div className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
          {groups.map((g) => (
            <div key={g} role="group" aria-label={g}>
              <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{g}</p>
              {components
                .filter((c) => c.group === g)
                .map((c) => (
                  <label key={c.id} className="flex items-center gap-2 py-0.5 text-sm">
                    <input type="checkbox" name="componentIds" value={c.id} checked={chosen.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} className="h-4 w-4" />
                    {c.name}
                  </label>
                ))}
            </div>
          ))}
        </div>
        {fields.componentIds ? (
          <p id="inc-components-error" className="text-sm text-red-700 dark:text-red-400">
            {fields.componentIds}
          </p>
        ) : null}
      </fieldset>
      <Field id="inc-action" label="CURRENT_ACTION" hint="What is being done right now" error={fields.currentAction}>
        {(p) => <Textarea {...p} name="currentAction" required maxLength={LIMITS.text} defaultValue={values?.currentAction} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="inc-eta" label="ETA (UTC, optional)" hint="Estimated resolution" error={fields.eta}>
          {(p) => <Input {...p} name="eta" type="datetime-local" defaultValue={values?.eta} />}
        </Field>
        <Field id="inc-commander" label="COMMANDER" hint={onCallName ? `Defaults to the SRE on call now: ${onCallName}` : "No SRE is on call: choose a commander (defaults to you)"} error={fields.commanderId}>
          {(p) => (
            <Select {...p} name="commanderId" defaultValue={values?.commanderId ?? defaultCommanderId ?? ""}>
              <option value="">{onCallName ? `SRE on call (${onCallName})` : "Me"}</option>
              {engineers.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} · {u.role}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="public" checked={publish} onChange={(e) => setPublishChoice(e.target.checked)} className="h-4 w-4" />
        Publish the first update on the status page
      </label>
      {!anyPublic ? <p className="text-sm text-slate-600 dark:text-slate-400">Only internal components are chosen: this incident does not appear on the public status page.</p> : null}
      <div>
        <Button type="submit" variant="destructive" disabled={pending}>
          {pending ? "Declaring…" : "Declare incident"}
        </Button>
      </div>
    </form>
  );
}
