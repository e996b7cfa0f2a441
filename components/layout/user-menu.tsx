"use client";

import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function UserMenu({ name, email, role }: { name: string; email: string; role: string }) {
  return (
    <div className="space-y-2 border-t border-slate-200 pt-3 text-sm dark:border-slate-800" aria-label="Signed-in user">
      <div>
        <p className="font-medium" data-testid="user-name">{name}</p>
        <p className="truncate text-xs text-slate-500 dark:text-slate-400">{email}</p>
        <p className="mt-1 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300" data-testid="user-role">
          {role}
        </p>
      </div>
      <Button variant="outline" size="sm" className="w-full" onClick={() => signOut({ callbackUrl: "/login" })}>
        Sign out
      </Button>
    </div>
  );
}
