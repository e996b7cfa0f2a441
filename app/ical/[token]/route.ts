import { errorResponse } from "@/lib/http/respond";
import { buildCalendarFeed } from "@/lib/oncall/calendar";

export const dynamic = "force-dynamic";

/** Public iCalendar feed: the secret in the URL is the credential (revocable from /oncall). */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await params;
    const body = await buildCalendarFeed(token.replace(/\.ics$/, ""));
    if (!body) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
    return new Response(body, {
      headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, max-age=300", "content-disposition": 'inline; filename="oncall.ics"' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
