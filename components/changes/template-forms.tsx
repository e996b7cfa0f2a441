"use client";

import { useActionState, useState } from "react";
import { FreezeWarning, type FormFreeze } from "@/components/changes/freeze-warning";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";
import { LIMITS } from "@/lib/changes/schemas";

type Component = { id: string; name: string; group: string };

/** ARCHITECT: define a Standard change template (its risk is always Low; saving it is the pre-approval). */
export function TemplateForm({ action, components }: { action: Action; components: Component[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const err = (name: string) => failed?.fields?.[name];
  const v = (name: string) => failed?.values?.[name] ?? "";
  return (
    <form action={formAction} className="grid max-w-3xl gap-4" aria-label="New Standard change template" noValidate>
      <FormError message={failed?.error} />
      {state?.ok ? (
        <p role="status" className="text-sm text-green-800 dark:text-green-300">
          {state.message}
        </p>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="tpl-name" label="Template name" error={err("name")}>
          {(p) => <Input {...p} name="name" maxLength={LIMITS.templateName} defaultValue={v("name")} />}
        </Field>
        <Field id="tpl-type" label="TYPE" error={err("type")}>
          {(p) => (
            <Select {...p} name="type" defaultValue={v("type")} key={`t-${v("type")}`}>
              <option value="">Choose…</option>
              <option>New</option>
              <option>Modify</option>
              <option>Remove</option>
            </Select>
          )}
        </Field>
        <Field id="tpl-components" label="Components (one or more)" error={err("componentIds")} className="sm:col-span-2">
          {(p) => (
            <Select {...p} name="componentIds" multiple className="min-h-28">
              {components.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.group} · {c.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {(
          [
            ["description", "DESCRIPTION"],
            ["justification", "JUSTIFICATION"],
            ["impact", "IMPACT"],
            ["riskAssessment", "Risk assessment (risk is Low)"],
            ["rollbackPlan", "Rollback plan"],
          ] as const
        ).map(([name, label]) => (
          <Field key={name} id={`tpl-${name}`} label={label} error={err(name)} className="sm:col-span-2">
            {(p) => <Textarea {...p} name={name} maxLength={LIMITS.text} defaultValue={v(name)} className="min-h-16" />}
          </Field>
        ))}
        <Field id="tpl-monitoring" label="Monitoring" error={err("monitoring")} className="sm:col-span-2" hint="A link or note on the dashboards/alerts to watch">
          {(p) => <Input {...p} name="monitoring" maxLength={LIMITS.monitoring} defaultValue={v("monitoring")} />}
        </Field>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save and approve template"}
        </Button>
      </div>
    </form>
  );
}

/** Retire (or reinstate) a template. */
export function TemplateActiveForm({ action, id, version, active }: { action: Action; id: string; version: number; active: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <Button type="submit" size="sm" variant="outline" disabled={pending}>
        {active ? "Retire" : "Reinstate"}
      </Button>
      {state && !state.ok ? <span className="text-sm text-red-700 dark:text-red-400">{state.error}</span> : null}
    </form>
  );
}

/**
 * Filing a Standard change: the template supplies the content; the requester
 * picks the component, TIMELINE and planned interval. Warns while filling when
 * the interval overlaps a freeze period.
 */
export function FileFromTemplateForm({ action, templateId, components, freezes }: { action: Action; templateId: string; components: Component[]; freezes: FormFreeze[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const err = (name: string) => failed?.fields?.[name];
  const v = (name: string) => failed?.values?.[name] ?? "";
  const [watch, setWatch] = useState({ componentId: v("componentId") || (components.length === 1 ? components[0].id : ""), plannedStart: v("plannedStart"), plannedEnd: v("plannedEnd") });
  const group = components.find((c) => c.id === watch.componentId)?.group ?? null;
  return (
    <form
      action={formAction}
      className="grid max-w-3xl gap-4"
      aria-label="File a Standard change"
      noValidate
      onChange={(e) => {
        const t = e.target;
        if ((t instanceof HTMLInputElement || t instanceof HTMLSelectElement) && t.name in watch) setWatch((w) => ({ ...w, [t.name]: t.value }));
      }}
    >
      <input type="hidden" name="templateId" value={templateId} />
      <FormError message={failed?.error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="componentId" label="COMPONENT" error={err("componentId")}>
          {(p) => (
            <Select {...p} name="componentId" defaultValue={watch.componentId}>
              {components.length > 1 ? <option value="">Choose…</option> : null}
              {components.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="timeline" label="TIMELINE" error={err("timeline")} hint="When it is needed">
          {(p) => <Input {...p} type="date" name="timeline" defaultValue={v("timeline")} />}
        </Field>
        <Field id="plannedStart" label="Planned start (UTC)" error={err("plannedStart")}>
          {(p) => <Input {...p} type="datetime-local" name="plannedStart" defaultValue={v("plannedStart")} />}
        </Field>
        <Field id="plannedEnd" label="Planned end (UTC)" error={err("plannedEnd")}>
          {(p) => <Input {...p} type="datetime-local" name="plannedEnd" defaultValue={v("plannedEnd")} />}
        </Field>
      </div>
      <FreezeWarning freezes={freezes} start={watch.plannedStart} end={watch.plannedEnd} group={group} kind="Standard" />
      <div className="flex gap-2">
        <Button type="submit" name="intent" value="draft" variant="outline" disabled={pending}>
          Save as Draft
        </Button>
        <Button type="submit" name="intent" value="submit" disabled={pending}>
          Submit
        </Button>
      </div>
    </form>
  );
}
