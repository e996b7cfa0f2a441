import type { Metadata } from "next";
import Link from "next/link";
import { CreateTokenForm, RevokeTokenButton } from "@/components/settings/api-tokens";
import { Badge, Card, PageHeader } from "@/components/ui/card";
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
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Your API tokens</caption>
                <thead className="border-b border-slate-200 dark:border-slate-800">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Prefix</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Created</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Last used</th>
                    <th scope="col" className="py-2 pr-4 font-medium">State</th>
                    <th scope="col" className="py-2 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((t) => (
                    <tr key={t.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                      <td className="py-2 pr-4">{t.name}</td>
                      <td className="py-2 pr-4 font-mono">{t.prefix}…</td>
                      <td className="py-2 pr-4">{formatUtc(t.createdAt)}</td>
                      <td className="py-2 pr-4">{t.lastUsedAt ? formatUtc(t.lastUsedAt) : "Never"}</td>
                      <td className="py-2 pr-4">{t.revokedAt ? <Badge tone="red">Revoked {formatUtc(t.revokedAt)}</Badge> : <Badge tone="green">Active</Badge>}</td>
                      <td className="py-2">{t.revokedAt ? null : <RevokeTokenButton action={revokeApiTokenAction} id={t.id} name={t.name} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
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
