"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormStatus } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import type { ActionState } from "@/lib/actions/define-action";
import { OPEN_STATUSES, SEVERITIES } from "@/lib/incidents/state-machine";
import { COMPONENT_STATUS_LABELS, COMPONENT_STATUSES } from "@/lib/status/derive-status";
import { LIMITS } from "@/lib/incidents/schemas";

type Props = {
  incidentId: string;
  version: number;
  status: string;
  severity: string;
  action: (prev: ActionState<{ id: string }>, form: FormData) => Promise<ActionState<{ id: string }>>;
};

/**
 * Post an update: change any template field and say what happened. Empty
 * fields mean "unchanged". Public updates appear on the status page.
 */
export function UpdateForm({ incidentId, version, status, severity, action }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const fields = failed?.fields ?? {};
  const values = failed?.values;
  return (
    <form action={formAction} aria-label="Post an update" className="grid gap-3 sm:grid-cols-2" noValidate>
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="version" value={version} />
      <div className="sm:col-span-2">
        <FormStatus state={state} error={failed ? (fields.version ?? failed.error) : null} />
      </div>
      <Field id="upd-status" label="STATUS" error={fields.status}>
        {(p) => (
          <Select {...p} name="status" defaultValue={values?.status ?? status} key={`status-${status}-${version}`}>
            {OPEN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="upd-severity" label="SEVERITY" error={fields.severity}>
        {(p) => (
          <Select {...p} name="severity" defaultValue={values?.severity ?? severity} key={`severity-${severity}-${version}`}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="upd-impact" label="IMPACT (leave empty to keep)" error={fields.impact}>
        {(p) => <Textarea {...p} name="impact" rows={2} maxLength={LIMITS.text} defaultValue={values?.impact} />}
      </Field>
      <Field id="upd-action" label="CURRENT_ACTION (leave empty to keep)" error={fields.currentAction}>
        {(p) => <Textarea {...p} name="currentAction" rows={2} maxLength={LIMITS.text} defaultValue={values?.currentAction} />}
      </Field>
      <Field id="upd-eta" label="New ETA (UTC, optional)" error={fields.eta}>
        {(p) => <Input {...p} name="eta" type="datetime-local" defaultValue={values?.eta} />}
      </Field>
      <Field id="upd-component-status" label="Component status override" hint="Default: follows the severity" error={fields.componentStatus}>
        {(p) => (
          <Select {...p} name="componentStatus" defaultValue={values?.componentStatus ?? ""}>
            <option value="">No override</option>
            {COMPONENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {COMPONENT_STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="upd-message" label="Message" error={fields.message} className="sm:col-span-2">
        {(p) => <Textarea {...p} name="message" required maxLength={LIMITS.text} defaultValue={values?.message} />}
      </Field>
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" name="public" defaultChecked={values ? values.public === "on" : false} className="h-4 w-4" />
        Public (publish this update on the status page)
      </label>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Posting…" : "Post update"}
        </Button>
      </div>
    </form>
  );
}
