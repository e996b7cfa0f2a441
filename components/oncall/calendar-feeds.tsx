"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";

type Created = { path: string };

/** Subscribe URLs for calendar apps: shown once on creation; revoking kills the URL. */
export function CalendarFeeds<C extends Created, R>({
  create,
  revoke,
  rotations,
  tokens,
}: {
  create: Action<C>;
  revoke: Action<R>;
  rotations: { id: string; name: string }[];
  tokens: { id: string; label: string; createdAt: string }[];
}) {
  const [state, createAction, pending] = useActionState(create, null);
  const [revoked, revokeAction] = useActionState(revoke, null);
  const url = state?.ok && state.data ? `${typeof window === "undefined" ? "" : window.location.origin}${state.data.path}` : null;
  return (
    <div className="space-y-4">
      <form action={createAction} className="flex flex-wrap items-end gap-3" aria-label="New calendar feed">
        <label className="grid gap-1 text-sm font-medium" htmlFor="feed-rotation">
          Feed of
          <Select id="feed-rotation" name="rotationId" className="w-64">
            <option value="">My shifts (all rotations)</option>
            {rotations.map((r) => (
              <option key={r.id} value={r.id}>
                Rotation: {r.name}
              </option>
            ))}
          </Select>
        </label>
        <Button type="submit" disabled={pending}>
          Create feed URL
        </Button>
      </form>
      {state && !state.ok ? <FormError message={state.error} /> : null}
      {url ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm dark:border-green-800 dark:bg-green-950">
          <p className="font-medium">Subscribe to this URL in your calendar app. It is shown only once; treat it like a password.</p>
          <code className="mt-1 block break-all" data-testid="calendar-url">
            {url}
          </code>
        </div>
      ) : null}
      {revoked && !revoked.ok ? <FormError message={revoked.error} /> : null}
      <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" aria-label="Your calendar feeds">
        {tokens.length === 0 ? <li className="py-2 text-slate-500">No active feeds.</li> : null}
        {tokens.map((t) => (
          <li key={t.id} className="flex items-center justify-between py-2">
            <span>
              {t.label} · created {t.createdAt.slice(0, 16).replace("T", " ")} UTC
            </span>
            <form action={revokeAction}>
              <input type="hidden" name="id" value={t.id} />
              <Button type="submit" variant="outline" size="sm" aria-label={`Revoke feed: ${t.label}`}>
                Revoke
              </Button>
            </form>
          </li>
        ))}
      </ul>
    </div>
  );
}
