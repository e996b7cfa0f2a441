import type { Metadata } from "next";
import Link from "next/link";
import { MarkAllReadButton } from "@/components/notifications/mark-all-read";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { paginationSchema } from "@/lib/http/pagination";
import { countUnreadNotifications, listNotifications } from "@/lib/notify/queries";
import { formatUtc } from "@/lib/utils";
import { markAllNotificationsReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const actor = await requireActor();
  const parsed = paginationSchema.safeParse({ limit: PAGE_SIZE, cursor: (await searchParams).cursor });
  const cursor = parsed.success ? parsed.data.cursor : undefined;
  const [page, unread] = await Promise.all([listNotifications(actor, { limit: PAGE_SIZE, cursor }), countUnreadNotifications(actor)]);

  return (
    <>
      <PageHeader
        title="Notifications"
        description={unread ? `${unread} unread. Pages, approvals and maintenance notices sent to you.` : "Pages, approvals and maintenance notices sent to you."}
        actions={unread ? <MarkAllReadButton action={markAllNotificationsReadAction} /> : null}
      />
      {page.data.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600 dark:text-slate-400">{cursor ? "No older notifications." : "You have no notifications."}</p>
        </Card>
      ) : (
        <ul aria-label="Notifications" className="space-y-2">
          {page.data.map((n) => (
            <li key={n.id}>
              <Card className={n.readAt ? "" : "border-l-4 border-l-sky-600"}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <h2 className="font-medium">
                    {n.link ? (
                      <Link href={n.link} className="hover:underline">
                        {n.title}
                      </Link>
                    ) : (
                      n.title
                    )}
                  </h2>
                  <div className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                    {n.readAt ? null : <Badge tone="sky">Unread</Badge>}
                    <time dateTime={n.createdAt.toISOString()}>{formatUtc(n.createdAt)}</time>
                  </div>
                </div>
                {n.body ? <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700 dark:text-slate-300">{n.body}</p> : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
        {cursor ? (
          <Link href="/notifications" className="text-sky-700 hover:underline dark:text-sky-400">
            Newest
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={`/notifications?cursor=${encodeURIComponent(page.nextCursor)}`} className="text-sky-700 hover:underline dark:text-sky-400">
            Older
          </Link>
        ) : null}
      </nav>
    </>
  );
}
