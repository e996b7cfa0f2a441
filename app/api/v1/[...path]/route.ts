import { jsonError } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** API.md: every error is JSON, also for paths that do not exist (Next would answer with its HTML 404). */
function notFound(req: Request) {
  return jsonError(404, "not_found", `No API route ${new URL(req.url).pathname.slice(0, 200)}; see /api/v1/openapi.json`);
}

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
