import type { Metadata } from "next";
import Link from "next/link";
import { CreateTokenForm, RevokeTokenButton } from "@/components/settings/api-tokens";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/auth/tokens";
import { formatUtc } from "@/lib/utils";
import { PasswordForm, ProfileForm } from "@/components/settings/profile";
import { changePasswordAction, createApiTokenAction, revokeApiTokenAction, updateProfileAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const actor = await requireActor();
  const tokens = await listApiTokens(actor);
  const admin = [
    can(actor.role, "contacts.manage") ? { href: "/settings/notifications", label: "Notifications", text: "Your contact methods (email, Slack, push, webhook) and when a page uses each." } : null,
    can(actor.role, "users.manage") ? { href: "/settings/users", label: "Users", text: "Invite people, change roles, deactivate accounts, reset passwords." } : null,
    can(actor.role, "webhooks.manage") ? { href: "/settings/webhooks", label: "Webhooks", text: "Endpoints that receive notifications as JSON or Slack-compatible text." } : null,
    can(actor.role, "integrations.manage") ? { href: "/settings/integrations", label: "Integrations", text: "Alert sources that open, group, page and resolve incidents." } : null,
    can(actor.role, "deliveries.read") ? { href: "/settings/deliveries", label: "Deliveries", text: "Outgoing notifications and the ones that failed." } : null,
    can(actor.role, "audit.read") ? { href: "/settings/audit", label: "Audit log", text: "Who changed what and when, filtered by record, with the hash-chain check." } : null,
  ].filter((x) => x !== null);

  return (
    <>
      <PageHeader title="Settings" description="Your profile and the API tokens that act as you." />
      <div className="space-y-6">
        <Card role="region" aria-labelledby="profile-heading">
          <h2 id="profile-heading" className="mb-3 text-lg font-semibold">
            Profile
          </h2>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-slate-600 dark:text-slate-400">Name</dt>
            <dd>{actor.name}</dd>
            <dt className="font-medium text-slate-600 dark:text-slate-400">Email</dt>
            <dd>{actor.email}</dd>
            <dt className="font-medium text-slate-600 dark:text-slate-400">Role</dt>
            <dd>
              {actor.role} · {ROLE_LABELS[actor.role]}
            </dd>
          </dl>
          <div className="mt-4 grid gap-6 md:grid-cols-2">
            <ProfileForm action={updateProfileAction} name={actor.name} />
            <PasswordForm action={changePasswordAction} />
          </div>
        </Card>

        <Card role="region" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading" className="mb-1 text-lg font-semibold">
            API tokens
          </h2>
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
            Send a token as <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/v1</code>. It acts with your role ({actor.role}) until you revoke it. The
            API is described at{" "}
            <a className="text-sky-700 underline dark:text-sky-400" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            .
          </p>
          <CreateTokenForm action={createApiTokenAction} />
          {tokens.length === 0 ? (
            <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">You have no API tokens.</p>
          ) : (
            <div className="mt-4 overflow-x-auto">
                <DataTable
                  caption="Your API tokens"
                  rows={tokens}
                  rowKey={(t) => t.id}
                  columns={[
                    { header: "Name", cell: (t) => t.name },
                    { header: "Prefix", cell: (t) => `${t.prefix}…`, className: "font-mono" },
                    { header: "Created", cell: (t) => formatUtc(t.createdAt) },
                    { header: "Last used", cell: (t) => (t.lastUsedAt ? formatUtc(t.lastUsedAt) : "Never") },
                    { header: "State", cell: (t) => (t.revokedAt ? <Badge tone="red">Revoked {formatUtc(t.revokedAt)}</Badge> : <Badge tone="green">Active</Badge>) },
                    { header: "Actions", srOnlyHeader: true, cell: (t) => (t.revokedAt ? null : <RevokeTokenButton action={revokeApiTokenAction} id={t.id} name={t.name} />) },
                  ]}
                />
            </div>
          )}
        </Card>

        {admin.length ? (
          <Card>
            <h2 className="mb-3 text-lg font-semibold">Administration</h2>
            <ul className="space-y-2 text-sm">
              {admin.map((a) => (
                <li key={a.href}>
                  <Link href={a.href} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                    {a.label}
                  </Link>{" "}
                  <span className="text-slate-600 dark:text-slate-400">— {a.text}</span>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
