import { getServerSession } from "next-auth";
import { DeclareShortcut } from "@/components/incidents/declare-shortcut";
import { P1Banner } from "@/components/incidents/p1-banner";
import { AppShell } from "@/components/layout/app-shell";
import { UnreadBadge } from "@/components/notifications/unread-badge";
import { authOptions } from "@/lib/auth/config";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";

/** Shell and navigation only; each page authorizes itself (requireActor). */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const session = await getServerSession(authOptions());
  const user = session?.user
    ? { name: session.user.name ?? "", email: session.user.email ?? "", role: `${session.user.role} · ${ROLE_LABELS[session.user.role]}` }
    : null;
  // The open-P1 banner and the "Declare incident" button + Shift+D on every dashboard page (issue 5).
  const banner = session?.user ? (
    <>
      <P1Banner />
      {can(session.user.role, "incidents.declare") ? <DeclareShortcut /> : null}
    </>
  ) : null;
  return (
    <AppShell user={user} banner={banner} notifications={session?.user ? <UnreadBadge /> : null}>
      {children}
    </AppShell>
  );
}
