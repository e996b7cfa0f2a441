import { apiRoute, readQuery } from "@/lib/http/route";
import { listNotifications } from "@/lib/notify/queries";
import { listNotificationsQuerySchema } from "@/lib/notify/schemas";

export const dynamic = "force-dynamic";

/** GET /api/v1/notifications — the caller's in-app notifications, newest first. */
export const GET = apiRoute(async ({ req, actor }) => {
  const q = readQuery(req, listNotificationsQuerySchema);
  return listNotifications(actor, { limit: q.limit, cursor: q.cursor, unreadOnly: q.unread === "true" });
});
