import Link from "next/link";
import { MobileNav } from "./mobile-nav";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";

export type ShellUser = { name: string; email: string; role: string } | null;

/** Sidebar + header + main. Pure layout: no queries, no auth decisions. `banner` is slotted above the content (e.g. the open-P1 banner), `notifications` beside the brand. */
export function AppShell({ user, banner, notifications, children }: { user: ShellUser; banner?: React.ReactNode; notifications?: React.ReactNode; children: React.ReactNode }) {
  const menu = user ? <UserMenu {...user} /> : null;
  return (
    <div className="min-h-screen md:grid md:grid-cols-[15rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900">
        Skip to content
      </a>
      <aside className="hidden border-r border-slate-200 bg-slate-50 p-4 md:flex md:flex-col md:gap-6 dark:border-slate-800 dark:bg-slate-900/50">
        <div className="flex items-center justify-between">
          <Link href="/" className="text-lg font-bold tracking-tight">
            OpsGate
          </Link>
          {notifications}
        </div>
        <nav aria-label="Main">
          <NavLinks />
        </nav>
        <div className="mt-auto">{menu}</div>
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-2 md:hidden dark:border-slate-800">
          <MobileNav>{menu}</MobileNav>
          <Link href="/" className="font-bold">
            OpsGate
          </Link>
          <div className="ml-auto">{notifications}</div>
        </header>
        {banner}
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 p-4 md:p-8">
          {children}
        </main>
      </div>
    </div>
  );
}
