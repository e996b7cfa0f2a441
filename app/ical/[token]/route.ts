import { errorResponse } from "@/lib/http/respond";
import { createHash } from "node:crypto";
import { buildCalendarFeed } from "@/lib/oncall/calendar";
import { etagMatches } from "@/lib/status/front-server";

export const dynamic = "force-dynamic";

/** Public iCalendar feed: the secret in the URL is the credential (revocable from /oncall). */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await params;
    const body = await buildCalendarFeed(token.replace(/\.ics$/, ""));
    if (!body) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
    const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
    const headers = { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, max-age=300", "content-disposition": 'inline; filename="oncall.ics"', etag };
    if (etagMatches(req.headers.get("if-none-match") ?? undefined, etag)) return new Response(null, { status: 304, headers });
    return new Response(body, { headers });
  } catch (error) {
    return errorResponse(error);
  }
}
