import { ingestRoute } from "@/lib/alerts/http";
import { receivePagerDuty } from "@/lib/alerts/receive";
import { AppError, ValidationError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** Errors in PagerDuty's own shape (`status`, `message`, `errors[]`), so Events v2 clients understand them. */
function pagerDutyError(error: unknown, requestId: string): Response {
  if (!(error instanceof AppError)) return errorResponse(error, requestId);
  const errors = error instanceof ValidationError ? Object.entries(error.fields ?? {}).map(([field, msg]) => `${field}: ${msg}`) : [error.message];
  const status = error.status === 400 ? "invalid event" : error.status === 429 ? "throttle event" : "error";
  return Response.json({ status, message: error.status === 400 ? "Event object is invalid" : error.message, errors, ...(error.fields ? { fields: error.fields } : {}) }, { status: error.status });
}

/** PagerDuty Events API v2 enqueue: 202 exactly as PagerDuty answers. */
export const POST = ingestRoute(
  "pagerduty",
  async (req) => {
    const { dedupKey } = await receivePagerDuty(req);
    return Response.json({ status: "success", message: "Event processed", dedup_key: dedupKey }, { status: 202 });
  },
  pagerDutyError,
);
