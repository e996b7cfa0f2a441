import { Bell } from "lucide-react";
import Link from "next/link";
import { cn } from "@/lib/utils";

/** The shell's bell linking to /notifications with the signed-in user's unread count (the layout reads it). */
export function UnreadBadge({ unread, className }: { unread: number; className?: string }) {
  const label = unread ? `Notifications, ${unread} unread` : "Notifications";
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      className={cn("relative inline-flex h-9 w-9 items-center justify-center rounded-md hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-slate-800", className)}
    >
      <Bell aria-hidden="true" className="h-5 w-5" />
      {unread ? (
        <span aria-hidden="true" data-testid="unread-count" className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs leading-5 font-semibold text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
