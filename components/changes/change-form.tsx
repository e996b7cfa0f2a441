"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { FreezeWarning, type FormFreeze } from "@/components/changes/freeze-warning";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";
import { LIMITS } from "@/lib/changes/schemas";

type Component = { id: string; name: string; group: string; ownerRole: string };

/** What the edit page pre-fills: the change's current values as form strings, plus where "Cancel" goes. */
export type ChangeFormEdit = { id: string; version: number; values: Record<string, string>; cancelHref: string; hadApprovals: boolean };

/**
 * The Change Request template as a form, for filing (Save as Draft / Submit)
 * and, with `edit`, for editing (Save changes, based on `version`). Field
 * errors come from the shared zod schema (via the server action); typed
 * values are kept on failure.
 */
export function ChangeForm({
  action,
  components,
  edit,
  freezes = [],
  incidents = [],
}: {
  action: Action;
  components: Component[];
  edit?: ChangeFormEdit;
  /** freeze periods that have not ended: warned about while filling */
  freezes?: FormFreeze[];
  /** open P1/P2 incidents an Emergency change may answer (filing only) */
  incidents?: { id: string; number: number; severity: string; title: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const err = (name: string) => failed?.fields?.[name];
  // after a failed save, what was typed (an unticked checkbox is absent); otherwise the stored values
  const v = (name: string) => (failed ? (failed.values?.[name] ?? "") : (edit?.values[name] ?? ""));
  const groups = [...new Set(components.map((c) => c.group))];
  const [watch, setWatch] = useState({ componentId: v("componentId"), plannedStart: v("plannedStart"), plannedEnd: v("plannedEnd"), kind: v("kind") || edit?.values.kind || "Normal" });
  const group = components.find((c) => c.id === watch.componentId)?.group ?? null;
  return (
    <form
      action={formAction}
      className="grid max-w-3xl gap-5"
      noValidate
      onChange={(e) => {
        const t = e.target;
        if ((t instanceof HTMLInputElement || t instanceof HTMLSelectElement) && t.name in watch) setWatch((w) => ({ ...w, [t.name]: t.value }));
      }}
    >
      {edit ? (
        <>
          <input type="hidden" name="id" value={edit.id} />
          <input type="hidden" name="version" value={edit.version} />
        </>
      ) : null}
      <FormError message={failed?.error} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-600 dark:text-slate-400">REQUEST: Infrastructure Change</legend>
        <Field id="type" label="TYPE" error={err("type")}>
          {(p) => (
            <Select {...p} name="type" defaultValue={v("type")} key={`type-${v("type")}`}>
              <option value="">Choose…</option>
              <option>New</option>
              <option>Modify</option>
              <option>Remove</option>
            </Select>
          )}
        </Field>
        <Field id="componentId" label="COMPONENT" error={err("componentId")}>
          {(p) => (
            <Select {...p} name="componentId" defaultValue={v("componentId")} key={`c-${v("componentId")}`}>
              <option value="">Choose…</option>
              {groups.map((g) => (
                <optgroup key={g} label={g}>
                  {components
                    .filter((c) => c.group === g)
                    .map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </Select>
          )}
        </Field>
        <Field id="description" label="DESCRIPTION" error={err("description")} className="sm:col-span-2" hint="What is needed">
          {(p) => <Textarea {...p} name="description" maxLength={LIMITS.text} defaultValue={v("description")} />}
        </Field>
        <Field id="justification" label="JUSTIFICATION" error={err("justification")} className="sm:col-span-2" hint="Why it is needed">
          {(p) => <Textarea {...p} name="justification" maxLength={LIMITS.text} defaultValue={v("justification")} />}
        </Field>
        <Field id="timeline" label="TIMELINE" error={err("timeline")} hint="When it is needed">
          {(p) => <Input {...p} type="date" name="timeline" defaultValue={v("timeline")} />}
        </Field>
        <Field id="impact" label="IMPACT" error={err("impact")} className="sm:col-span-2" hint="Expected impact">
          {(p) => <Textarea {...p} name="impact" maxLength={LIMITS.text} defaultValue={v("impact")} />}
        </Field>
      </fieldset>
      {edit ? null : (
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold text-slate-600 dark:text-slate-400">Kind (Standard changes are filed from a template)</legend>
          <Field id="kind" label="Kind" error={err("kind")}>
            {(p) => (
              <Select {...p} name="kind" defaultValue={watch.kind}>
                <option value="Normal">Normal</option>
                <option value="Emergency">Emergency</option>
              </Select>
            )}
          </Field>
          {watch.kind === "Emergency" ? (
            <Field id="emergencyIncidentId" label="Open P1/P2 incident it answers" error={err("emergencyIncidentId")} hint="Linked to an open P1/P2, it may start before approval; approve it within 24 h.">
              {(p) => (
                <Select {...p} name="emergencyIncidentId" defaultValue={v("emergencyIncidentId")}>
                  <option value="">None</option>
                  {incidents.map((i) => (
                    <option key={i.id} value={i.id}>
                      INC-{i.number} [{i.severity}] {i.title}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ) : null}
        </fieldset>
      )}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-600 dark:text-slate-400">Risk, rollback and monitoring (needed for approval)</legend>
        <Field id="riskLevel" label="Risk level" error={err("riskLevel")}>
          {(p) => (
            <Select {...p} name="riskLevel" defaultValue={v("riskLevel")} key={`r-${v("riskLevel")}`}>
              <option value="">Not assessed yet</option>
              <option>Low</option>
              <option>Medium</option>
              <option>High</option>
            </Select>
          )}
        </Field>
        <div className="flex items-end gap-2 pb-2">
          <input id="structural" type="checkbox" name="structural" defaultChecked={v("structural") === "on"} className="h-4 w-4" />
          <label htmlFor="structural" className="text-sm font-medium">
            Structural (changes architecture: needs ARCHITECT approval)
          </label>
        </div>
        <Field id="riskAssessment" label="Risk assessment" error={err("riskAssessment")} className="sm:col-span-2">
          {(p) => <Textarea {...p} name="riskAssessment" maxLength={LIMITS.text} defaultValue={v("riskAssessment")} />}
        </Field>
        <Field id="rollbackPlan" label="Rollback plan" error={err("rollbackPlan")} className="sm:col-span-2">
          {(p) => <Textarea {...p} name="rollbackPlan" maxLength={LIMITS.text} defaultValue={v("rollbackPlan")} />}
        </Field>
        <Field id="monitoring" label="Monitoring" error={err("monitoring")} className="sm:col-span-2" hint="A link or note on the dashboards/alerts to watch">
          {(p) => <Input {...p} name="monitoring" maxLength={LIMITS.monitoring} defaultValue={v("monitoring")} />}
        </Field>
        <Field id="plannedStart" label="Planned start (UTC)" error={err("plannedStart")}>
          {(p) => <Input {...p} type="datetime-local" name="plannedStart" defaultValue={v("plannedStart")} />}
        </Field>
        <Field id="plannedEnd" label="Planned end (UTC)" error={err("plannedEnd")}>
          {(p) => <Input {...p} type="datetime-local" name="plannedEnd" defaultValue={v("plannedEnd")} />}
        </Field>
      </fieldset>
      <FreezeWarning freezes={freezes} start={watch.plannedStart} end={watch.plannedEnd} group={group} kind={watch.kind} />
      {edit ? (
        <>
          {edit.hadApprovals ? (
            <p className="text-sm text-amber-800 dark:text-amber-300">Saving a changed request discards the approvals given so far: approvers approved the old content.</p>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save changes"}
            </Button>
            <Button asChild variant="outline">
              <Link href={edit.cancelHref}>Cancel</Link>
            </Button>
          </div>
        </>
      ) : (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-400">REQUESTER: you (set by the server).</p>
          <div className="flex gap-2">
            <Button type="submit" name="intent" value="draft" variant="outline" disabled={pending}>
              Save as Draft
            </Button>
            <Button type="submit" name="intent" value="submit" disabled={pending}>
              Submit
            </Button>
          </div>
        </>
      )}
    </form>
  );
}
