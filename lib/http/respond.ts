import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export function jsonError(status: number, code: string, message: string, fields?: Record<string, string>, headers?: HeadersInit) {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers });
}

/** The one mapping from thrown errors to API.md's error format. Unknown errors never leak their message. */
export function errorResponse(error: unknown, requestId?: string): Response {
  const headers = requestId ? { "x-request-id": requestId } : undefined;
  if (error instanceof AppError) return jsonError(error.status, error.code, error.message, error.fields, headers);
  log.error({ err: error, requestId }, "unhandled error in route handler");
  return jsonError(500, "internal", "Something went wrong", undefined, headers);
}
