"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, FormStatus } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";
import { FOLLOW_UP_TITLE_MAX, SECTION_MAX } from "@/lib/postmortems/schemas";

const SECTIONS = [
  ["summary", "Summary", "What happened, in two or three sentences"],
  ["impact", "Impact", "Who was affected, how, and for how long"],
  ["rootCause", "Root cause and contributing factors", ""],
  ["wentWell", "What went well", ""],
  ["wentWrong", "What went wrong", ""],
] as const;

type Sections = Record<(typeof SECTIONS)[number][0], string>;

/** The five sections; errors appear under the field the server named. */
export function SectionsForm({ postmortemId, version, sections, readOnly, action }: { postmortemId: string; version: number; sections: Sections; readOnly: boolean; action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const fields = failed?.fields ?? {};
  const named = SECTIONS.some(([k]) => fields[k]);
  return (
    <form action={formAction} aria-label="Postmortem sections" className="space-y-4" noValidate>
      <input type="hidden" name="postmortemId" value={postmortemId} />
      <input type="hidden" name="version" value={version} />
      <FormStatus state={state} error={failed && !named ? (fields.version ?? failed.error) : null} />
      {SECTIONS.map(([key, label, hint]) => (
        <Field key={key} id={`pm-${key}`} label={label} hint={hint || undefined} error={fields[key]}>
          {(p) => <Textarea {...p} name={key} rows={key === "summary" ? 3 : 5} maxLength={SECTION_MAX} readOnly={readOnly} defaultValue={failed?.values?.[key] ?? sections[key]} />}
        </Field>
      ))}
      {readOnly ? null : (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save postmortem"}
        </Button>
      )}
    </form>
  );
}

const STATUS_BUTTON: Record<string, string> = { Draft: "Send back to draft", InReview: "Submit for review", Published: "Publish" };

/** One button per allowed move; a refusal names the missing section. */
export function TransitionButtons({ postmortemId, version, transitions, action }: { postmortemId: string; version: number; transitions: string[]; action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  if (!transitions.length) return null;
  return (
    <form action={formAction} aria-label="Postmortem status" className="space-y-2">
      <input type="hidden" name="postmortemId" value={postmortemId} />
      <input type="hidden" name="version" value={version} />
      <FormError message={failed ? Object.values(failed.fields ?? {})[0] ?? failed.error : null} />
      <div className="flex flex-wrap gap-2">
        {transitions.map((t) => (
          <Button key={t} type="submit" name="to" value={t} variant={t === "Published" ? "default" : "outline"} disabled={pending}>
            {STATUS_BUTTON[t] ?? t}
          </Button>
        ))}
      </div>
    </form>
  );
}

/** Adds a follow-up action: title, owner, due date. */
export function FollowUpForm({ postmortemId, users, action }: { postmortemId: string; users: { id: string; name: string }[]; action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const fields = failed?.fields ?? {};
  return (
    <form action={formAction} aria-label="Add follow-up" className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end" noValidate>
      <input type="hidden" name="postmortemId" value={postmortemId} />
      <div className="sm:col-span-4">
        <FormError message={failed && !fields.title && !fields.ownerId && !fields.dueAt ? failed.error : null} />
      </div>
      <Field id="fu-title" label="Action" error={fields.title}>
        {(p) => <Input {...p} name="title" maxLength={FOLLOW_UP_TITLE_MAX} defaultValue={failed?.values?.title} />}
      </Field>
      <Field id="fu-owner" label="Owner" error={fields.ownerId}>
        {(p) => (
          <select {...p} name="ownerId" defaultValue={failed?.values?.ownerId ?? ""} className="h-9 rounded-md border border-slate-300 bg-transparent px-2 text-sm dark:border-slate-700">
            <option value="">—</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="fu-due" label="Due (UTC)" error={fields.dueAt}>
        {(p) => <Input {...p} type="date" name="dueAt" defaultValue={failed?.values?.dueAt} />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add"}
      </Button>
    </form>
  );
}

/** Mark done / reopen, or remove, one follow-up. */
export function FollowUpRowActions({ postmortemId, actionId, status, setStatus, remove }: { postmortemId: string; actionId: string; status: string; setStatus: Action; remove: Action }) {
  const [s1, toggle, p1] = useActionState(setStatus, null);
  const [s2, del, p2] = useActionState(remove, null);
  const failed = (s1 && !s1.ok ? s1 : null) ?? (s2 && !s2.ok ? s2 : null);
  return (
    <div className="flex items-center gap-2">
      <form action={toggle}>
        <input type="hidden" name="postmortemId" value={postmortemId} />
        <input type="hidden" name="actionId" value={actionId} />
        <input type="hidden" name="status" value={status === "Open" ? "Done" : "Open"} />
        <Button type="submit" size="sm" variant="outline" disabled={p1}>
          {status === "Open" ? "Mark done" : "Reopen"}
        </Button>
      </form>
      <form action={del}>
        <input type="hidden" name="postmortemId" value={postmortemId} />
        <input type="hidden" name="actionId" value={actionId} />
        <Button type="submit" size="sm" variant="ghost" disabled={p2}>
          Remove
        </Button>
      </form>
      {failed ? <span role="alert" className="text-xs text-red-700">{failed.error}</span> : null}
    </div>
  );
}
