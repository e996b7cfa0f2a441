import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { getEnv } from "@/lib/env";
import { AppError, NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { BODY_LIMITS, readJsonBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/respond";
import { log } from "@/lib/log";
import { zodFields } from "@/lib/validation";
import { integrationForKey, type IngestIntegration } from "./integrations";
import { createRateLimiter } from "./rate-limit";
import type { IntegrationKind } from "./schemas";

/** Alertmanager groups of a few hundred alerts stay far below this. */
export const MAX_ALERT_BODY_BYTES = BODY_LIMITS.alerts;

const takeToken = createRateLimiter(() => getEnv().OPSGATE_ALERT_RATE_PER_MIN);

/** Unknown, revoked or wrong-kind key: one answer, no hint which. */
export const unknownKey = () => new NotFoundError("Integration");

/** The key's integration, within its rate budget; else 404 or 429. */
export async function authenticateIngest(key: string | null | undefined, kind: IntegrationKind, now: Date): Promise<IngestIntegration> {
  const integration = await integrationForKey(key, kind);
  if (!integration) throw unknownKey();
  const decision = takeToken(integration.id, now);
  if (!decision.ok) throw new RateLimitedError(`Too many requests for this integration; retry in ${decision.retryAfterSec} s`, decision.retryAfterSec);
  return integration;
}

export const readAlertBody = (req: Request) => readJsonBody(req, { limit: MAX_ALERT_BODY_BYTES });

/** Parses a payload; a 400 names every bad field by its dotted path (`alerts.0.startsAt`). */
export function parsePayload<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw new ValidationError(zodFields(result.error), "The alert payload is invalid");
  return result.data;
}

/** Bearer key of `Authorization` (Alertmanager's http_config.authorization). */
export function bearerKey(req: Request): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
  return m ? m[1] : null;
}

/** Wraps an ingest handler: errors mapped once (429 with Retry-After), a log line per request (never the key). */
export function ingestRoute(kind: IntegrationKind, handler: (req: Request, params: Record<string, string>) => Promise<Response>, mapError: (e: unknown, requestId: string) => Response = errorResponse) {
  return async (req: Request, ctx: { params: Promise<Record<string, string>> } = { params: Promise.resolve({}) }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    const started = Date.now();
    let res: Response;
    try {
      res = await handler(req, (await ctx.params) ?? {});
    } catch (error) {
      res = mapError(error, requestId);
      if (error instanceof RateLimitedError && error.retryAfterSeconds) res.headers.set("retry-after", String(error.retryAfterSeconds));
      if (!(error instanceof AppError)) log.error({ err: error, requestId, kind }, "alert ingest failed");
    }
    res.headers.set("x-request-id", requestId);
    log.info({ requestId, method: req.method, path: `/api/alerts/${kind}`, status: res.status, ms: Date.now() - started }, "alert ingest");
    return res;
  };
}
