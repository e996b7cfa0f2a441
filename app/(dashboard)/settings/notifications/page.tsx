import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/layout/not-allowed";
import { ActionButton } from "@/components/notifications/action-button";
import { ContactTestButton, CreateContactMethodForm, CreateRuleForm } from "@/components/settings/contact-methods";
import { Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listMyContacts } from "@/lib/contacts/commands";
import { CONTACT_KIND_LABELS } from "@/lib/contacts/schemas";
import { createContactMethodAction, createNotificationRuleAction, deleteContactMethodAction, deleteNotificationRuleAction, sendContactTestAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

export default async function NotificationSettingsPage() {
  const actor = await requireActor();
  if (!can(actor.role, "contacts.manage")) return <NotAllowed title="Notifications">Your role ({actor.role}) has no contact methods.</NotAllowed>;
  const { methods, rules } = await listMyContacts(actor);
  const label = new Map(methods.map((m) => [m.id, m.label]));
  return (
    <>
      <PageHeader
        title="Notifications"
        description="How a page reaches you: your contact methods, and rules for when each is used until the incident is acknowledged. Every page message carries a one-click acknowledge link."
        actions={
          <Link href="/settings" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
            Settings
          </Link>
        }
      />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Contact methods</h2>
          {methods.length === 0 ? (
            <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">None yet: pages reach you in OpsGate (and by email to your account when email is configured).</p>
          ) : (
            <ul className="mb-4 space-y-2 text-sm" aria-label="Contact methods">
              {methods.map((m) => (
                <li key={m.id} className="flex flex-wrap items-start gap-3 border-b border-slate-100 pb-2 last:border-0 dark:border-slate-800">
                  <span className="min-w-40 font-medium">{m.label}</span>
                  <span className="text-slate-600 dark:text-slate-400">{CONTACT_KIND_LABELS[m.kind]}</span>
                  <span className="font-mono text-xs break-all">{m.target}</span>
                  <span className="ml-auto flex gap-2">
                    <ContactTestButton action={sendContactTestAction} id={m.id} name={m.label} />
                    <ActionButton action={deleteContactMethodAction} fields={{ id: m.id }} label="Delete" pendingLabel="Deleting…" variant="destructive" ariaLabel={`Delete ${m.label}`} />
                  </span>
                </li>
              ))}
            </ul>
          )}
          <CreateContactMethodForm action={createContactMethodAction} />
        </Card>
        <Card>
          <h2 className="mb-1 text-lg font-semibold">Notification rules</h2>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">On a page: e.g. immediately push, after 2 min email, after 5 min Slack — each only while the incident is not acknowledged.</p>
          {rules.length ? (
            <ol className="mb-4 space-y-2 text-sm" aria-label="Notification rules">
              {rules.map((r) => (
                <li key={r.id} className="flex items-center gap-3">
                  <span>{r.delayMinutes === 0 ? "Immediately" : `After ${r.delayMinutes} min`}</span>
                  <span className="font-medium">{label.get(r.contactMethodId)}</span>
                  <ActionButton action={deleteNotificationRuleAction} fields={{ id: r.id }} label="Remove" pendingLabel="Removing…" variant="outline" ariaLabel={`Remove rule: ${label.get(r.contactMethodId)} after ${r.delayMinutes} min`} />
                </li>
              ))}
            </ol>
          ) : null}
          {methods.length ? <CreateRuleForm action={createNotificationRuleAction} methods={methods} /> : <p className="text-sm text-slate-600 dark:text-slate-400">Add a contact method first.</p>}
        </Card>
      </div>
    </>
  );
}
