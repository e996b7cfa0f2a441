import { apiRoute, readJson } from "@/lib/http/route";
import { markNotificationsRead } from "@/lib/notify/mark-read";

export const dynamic = "force-dynamic";

/** POST /api/v1/notifications/read `{ids?}` — marks the caller's notifications read (all unread when `ids` is omitted). */
export const POST = apiRoute(async ({ req, actor }) => {
  const input = await readJson(req, { empty: {} });
  return markNotificationsRead({ actor, input });
}, { permission: "notifications.read" });
