"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";
import { INTEGRATION_KINDS } from "@/lib/alerts/schemas";
import { LIMITS } from "@/lib/alerts/schemas";

type Created = { id: string; name: string; kind: string; key: string; url: string; snippet: string; curl: string };

const selectClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

/** What the config snippet is, per kind (its heading). */
const SNIPPET_TITLE: Record<string, string> = {
  alertmanager: "Alertmanager configuration (alertmanager.yml)",
  grafana: "Grafana contact point",
  pagerduty: "PagerDuty Events API v2 settings",
  generic: "Webhook request",
  heartbeat: "Heartbeat ping",
};

/** Creates an integration and shows its key, URL, config snippet and a curl test once (the key is stored hashed). */
export function CreateIntegrationForm<T extends Created>({ action, components }: { action: Action<T>; components: { id: string; name: string }[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [kind, setKind] = useState<string>("alertmanager");
  const failed = state && !state.ok ? state : null;
  const created = state?.ok ? state.data : undefined;
  const f = failed?.fields ?? {};
  return (
    <div className="space-y-4">
      <form action={formAction} aria-label="Create integration" className="grid gap-4 sm:grid-cols-2" noValidate>
        <Field id="int-name" label="Name" error={f.name}>
          {(p) => <Input {...p} name="name" required maxLength={LIMITS.name} defaultValue={failed?.values?.name} />}
        </Field>
        <Field id="int-kind" label="Kind" error={f.kind}>
          {(p) => (
            <select {...p} name="kind" className={selectClass} value={kind} onChange={(e) => setKind(e.target.value)}>
              {INTEGRATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="int-components" label="Default components" error={f.defaultComponentIds} hint="Used when an alert's component/service label names none.">
          {(p) => (
            <select {...p} name="defaultComponentIds" multiple required className={selectClass} size={Math.min(6, Math.max(2, components.length))}>
              {components.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="int-severity" label="Severity map (optional)" error={Object.entries(f).find(([k]) => k.startsWith("severityMap"))?.[1]} hint="e.g. page=P1, minor=P4. Defaults: critical→P1, error/major→P2, warning→P3, info→P4.">
          {(p) => <Input {...p} name="severityMap" maxLength={LIMITS.severityMapText} defaultValue={failed?.values?.severityMap} />}
        </Field>
        {kind === "heartbeat" ? (
          <Field id="int-interval" label="Heartbeat interval (seconds)" error={f.heartbeatIntervalSec}>
            {(p) => <Input {...p} name="heartbeatIntervalSec" type="number" min={30} defaultValue={failed?.values?.heartbeatIntervalSec ?? "300"} />}
          </Field>
        ) : null}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="autoResolve" defaultChecked /> Resolve the incident when all its alerts resolve
        </label>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create integration"}
          </Button>
        </div>
      </form>
      {failed && !Object.keys(f).length ? <FormError message={failed.error} /> : null}
      {created ? (
        <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
          <p className="font-medium">Integration “{created.name}” created. Copy its key now: it will not be shown again.</p>
          <p>
            Key: <code data-testid="new-integration-key" className="font-mono break-all">{created.key}</code>
          </p>
          <p>
            URL: <code data-testid="new-integration-url" className="font-mono break-all">{created.url}</code>
          </p>
          <figure>
            <figcaption className="font-medium">{SNIPPET_TITLE[created.kind] ?? "Configuration"}</figcaption>
            <pre data-testid="new-integration-snippet" className="overflow-x-auto rounded bg-white p-2 font-mono text-xs dark:bg-slate-900">
              {created.snippet}
            </pre>
          </figure>
          <figure>
            <figcaption className="font-medium">Send a test alert with curl</figcaption>
            <pre data-testid="new-integration-curl" className="overflow-x-auto rounded bg-white p-2 font-mono text-xs whitespace-pre-wrap break-all dark:bg-slate-900">
              {created.curl}
            </pre>
          </figure>
        </div>
      ) : null}
    </div>
  );
}

export function RevokeIntegrationButton<T>({ action, id, name }: { action: Action<T>; id: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="destructive" size="sm" disabled={pending} aria-label={`Revoke integration ${name}`}>
        {pending ? "Revoking…" : "Revoke key"}
      </Button>
      {state && !state.ok ? <p className="text-sm text-red-700 dark:text-red-400">{state.error}</p> : null}
    </form>
  );
}
