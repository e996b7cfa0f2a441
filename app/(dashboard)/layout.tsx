import { getServerSession } from "next-auth";
import { AppShell } from "@/components/layout/app-shell";
import { authOptions } from "@/lib/auth/config";
import { ROLE_LABELS } from "@/lib/auth/permissions";

/** Shell and navigation only; each page authorizes itself (requireActor). */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const session = await getServerSession(authOptions());
  const user = session?.user
    ? { name: session.user.name ?? "", email: session.user.email ?? "", role: `${session.user.role} · ${ROLE_LABELS[session.user.role]}` }
    : null;
  return <AppShell user={user}>{children}</AppShell>;
}
