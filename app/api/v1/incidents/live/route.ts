import { authenticateRequest } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/respond";
import { getIncidentsLive } from "@/lib/incidents/queries";

export const dynamic = "force-dynamic";

/**
 * Polled every few seconds by every open dashboard (banner, list, incident
 * page): `{stamp, openP1}`. Not wrapped in apiRoute on purpose, so polling
 * does not write a log line per request; errors map the same way.
 */
export async function GET(req: Request) {
  try {
    await authenticateRequest(req);
    return Response.json(await getIncidentsLive(), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
