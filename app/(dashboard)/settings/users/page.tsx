import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActiveButton, InviteUserForm, ResetButton, RoleForm } from "@/components/settings/users";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
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
              <DataTable
                caption="Users"
                rows={users}
                rowKey={(u) => u.id}
                rowProps={(u) => ({ "data-testid": `user-${u.email}` })}
                columns={[
                  { header: "Name", cell: (u) => u.name },
                  { header: "Email", cell: (u) => u.email },
                  { header: "Role", cell: (u) => <RoleForm action={changeRoleAction} id={u.id} role={u.role} name={u.name} /> },
                  { header: "Status", cell: (u) => <Badge tone={TONE[u.status as keyof typeof TONE]}>{u.status}</Badge> },
                  { header: "Last sign-in", cell: (u) => (u.lastSignInAt ? formatUtc(u.lastSignInAt) : "Never") },
                  {
                    header: "Actions",
                    srOnlyHeader: true,
                    className: "flex flex-wrap gap-2",
                    cell: (u) => (
                      <>
                        <ActiveButton action={setActiveAction} id={u.id} active={u.status !== "deactivated"} name={u.name} />
                        {u.status !== "deactivated" ? <ResetButton action={resetPasswordAction} id={u.id} name={u.name} /> : null}
                      </>
                    ),
                  },
                ]}
              />
          </div>
        </Card>
      </div>
    </>
  );
}
