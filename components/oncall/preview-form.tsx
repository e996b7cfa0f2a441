"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";

type Step = {
  level: number;
  offset: string;
  at: string;
  role: string;
  rotation: { id: string; name: string } | null;
  user: { name: string } | null;
  viaOverride: boolean;
  gap: string | null;
};
type Preview = { componentId: string; componentName: string; declaredAt: string; steps: Step[] };

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** "If an incident on X were declared at T, who is paged at each level?" */
export function PreviewForm<T extends Preview>({ action, components, defaultAt }: { action: Action<T>; components: { id: string; name: string; group: string }[]; defaultAt: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const result = state?.ok ? state.data : undefined;
  // React resets a form after its action succeeds: re-key the inputs on the last answer so they keep it.
  const v = (n: string, d = "") => failed?.values?.[n] ?? d;
  const keep = result ? `${result.componentId}-${result.declaredAt}` : "initial";
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid items-end gap-4 sm:grid-cols-3" noValidate aria-label="Escalation preview">
        <div className="sm:col-span-3">
          <FormError message={failed?.error} />
        </div>
        <Field id="pv-component" label="Component" error={failed?.fields?.componentId}>
          {(p) => (
            <Select {...p} name="componentId" defaultValue={v("componentId", result?.componentId)} key={`c-${v("componentId")}-${keep}`}>
              <option value="">Choose…</option>
              {components.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.group})
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="pv-at" label="Declared at (UTC)" error={failed?.fields?.at}>
          {(p) => <Input {...p} type="datetime-local" step={1} name="at" defaultValue={v("at", result?.declaredAt.slice(0, 19) ?? defaultAt)} key={`at-${keep}`} />}
        </Field>
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Working…" : "Preview escalation"}
          </Button>
        </div>
      </form>
      {result ? (
        <DataTable
          aria-label={`Escalation preview for ${result.componentName}`}
          caption={`Incident on ${result.componentName} declared ${utc(result.declaredAt)}`}
          showCaption
          rows={result.steps}
          rowKey={(s) => `${s.level}-${s.role}`}
          columns={[
            { header: "Level", cell: (s) => `Level ${s.level}` },
            { header: "When", cell: (s) => `${s.offset} · ${utc(s.at)}` },
            { header: "Role", cell: (s) => `${s.role}${s.rotation ? ` · ${s.rotation.name}` : ""}` },
            {
              header: "Paged",
              className: "font-medium",
              cell: (s) => (
                <>
                  {s.user ? s.user.name : <span className="text-red-700 dark:text-red-400">Nobody: {s.gap}</span>}
                  {s.viaOverride ? " (override)" : ""}
                </>
              ),
            },
          ]}
        />
      ) : null}
    </div>
  );
}
