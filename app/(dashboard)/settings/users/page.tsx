import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActiveButton, InviteUserForm, ResetButton, RoleForm } from "@/components/settings/users";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/commands";
import { formatUtc } from "@/lib/utils";
import { changeRoleAction, inviteUserAction, resetPasswordAction, setActiveAction } from "./actions";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

const TONE = { active: "green", invited: "amber", deactivated: "red" } as const;

export default async function UsersPage() {
  const actor = await requireActor();
  if (!can(actor.role, "users.manage")) notFound();
  const users = await listUsers(actor);
  return (
    <>
      <PageHeader title="Users" description="Invite people, change roles, deactivate and reactivate accounts. Every change is audited." />
      <div className="space-y-6">
        <Card role="region" aria-labelledby="invite-heading">
          <h2 id="invite-heading" className="mb-3 text-lg font-semibold">
            Invite a user
          </h2>
          <InviteUserForm action={inviteUserAction} />
        </Card>
        <Card role="region" aria-labelledby="users-heading">
          <h2 id="users-heading" className="mb-3 text-lg font-semibold">
            People ({users.length})
          </h2>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Users</caption>
              <thead className="border-b border-slate-200 dark:border-slate-800">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Email</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Role</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Last sign-in</th>
                  <th scope="col" className="py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id} className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800" data-testid={`user-${u.email}`}>
                    <td className="py-2 pr-4">{u.name}</td>
                    <td className="py-2 pr-4">{u.email}</td>
                    <td className="py-2 pr-4">
                      <RoleForm action={changeRoleAction} id={u.id} role={u.role} name={u.name} />
                    </td>
                    <td className="py-2 pr-4">
                      <Badge tone={TONE[u.status as keyof typeof TONE]}>{u.status}</Badge>
                    </td>
                    <td className="py-2 pr-4">{u.lastSignInAt ? formatUtc(u.lastSignInAt) : "Never"}</td>
                    <td className="flex flex-wrap gap-2 py-2">
                      <ActiveButton action={setActiveAction} id={u.id} active={u.status !== "deactivated"} name={u.name} />
                      {u.status !== "deactivated" ? <ResetButton action={resetPasswordAction} id={u.id} name={u.name} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </>
  );
}
