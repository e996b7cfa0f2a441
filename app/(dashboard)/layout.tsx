import { DeclareShortcut } from "@/components/incidents/declare-shortcut";
import { P1Banner } from "@/components/incidents/p1-banner";
import { AppShell } from "@/components/layout/app-shell";
import { UnreadBadge } from "@/components/notifications/unread-badge";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { getSessionActor } from "@/lib/auth/session";
import { countUnreadNotifications } from "@/lib/notify/queries";

/**
 * Shell and navigation only; each page authorizes itself (requireActor).
 * The actor (role re-read from the database, deactivated users refused), not
 * the JWT's role, decides what the shell offers.
 */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const actor = await getSessionActor();
  const user = actor ? { name: actor.name, email: actor.email, role: `${actor.role} · ${ROLE_LABELS[actor.role]}` } : null;
  // The open-P1 banner and the "Declare incident" button + Shift+D on every dashboard page (issue 5).
  const banner = actor ? (
    <>
      <P1Banner />
      {can(actor.role, "incidents.declare") ? <DeclareShortcut /> : null}
    </>
  ) : null;
  const notifications = actor ? <UnreadBadge unread={await countUnreadNotifications(actor)} /> : null;
  return (
    <AppShell user={user} banner={banner} notifications={notifications}>
      {children}
    </AppShell>
  );
}
