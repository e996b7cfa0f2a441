"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormStatus } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";
import { LIMITS } from "@/lib/kpis/schemas";

/**
 * An ARCHITECT records the monthly cost of a component group (the same
 * command as POST /api/v1/kpis/costs; the same group and month again replaces
 * the amount). Errors appear under their fields; typed values are kept.
 */
export function CostForm({ groups, action, defaultMonth }: { groups: string[]; action: Action<{ count: number }>; defaultMonth: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const fields = failed?.fields ?? {};
  const values = failed?.values;
  return (
    <form action={formAction} aria-label="Record a monthly cost" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" noValidate>
      <div className="sm:col-span-2 lg:col-span-5">
        <FormStatus state={state} error={failed ? failed.error : null} />
      </div>
      <Field id="cost-group" label="Component group" error={fields.group}>
        {(p) => (
          <Select {...p} name="group" defaultValue={values?.group ?? groups[0] ?? ""}>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="cost-month" label="Month" hint="YYYY-MM" error={fields.month}>
        {(p) => <Input {...p} name="month" type="month" defaultValue={values?.month ?? defaultMonth} />}
      </Field>
      <Field id="cost-amount" label="Amount" error={fields.amount}>
        {(p) => <Input {...p} name="amount" inputMode="decimal" maxLength={LIMITS.amountText} defaultValue={values?.amount} />}
      </Field>
      <Field id="cost-currency" label="Currency" hint="Three letters, e.g. EUR" error={fields.currency}>
        {(p) => <Input {...p} name="currency" maxLength={3} defaultValue={values?.currency ?? "EUR"} />}
      </Field>
      <Field id="cost-note" label="Note (optional)" error={fields.note}>
        {(p) => <Textarea {...p} name="note" rows={1} maxLength={500} defaultValue={values?.note} />}
      </Field>
      <div className="sm:col-span-2 lg:col-span-5">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Record cost"}
        </Button>
      </div>
    </form>
  );
}
