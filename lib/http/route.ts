import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { authenticateRequest, type Actor } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";
import { BODY_LIMITS, readJsonBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/respond";
import { log } from "@/lib/log";
import { assertRouteParams, parseInput } from "@/lib/validation";

type Params = Record<string, string>;
type Ctx = { params: Promise<Params> };
export type ApiContext = { req: Request; actor: Actor; params: Params; requestId: string };

/**
 * Wraps an authenticated /api/v1 handler: request id → authenticate →
 * same-origin check for cookie sessions (CSRF) → role check (`permission`, before the body is even read, so a refused
 * caller gets 403 whatever it sent) → handler → JSON. The handler calls the
 * domain command, which authorizes again (it is also called from server
 * actions), validates and audits; every thrown AppError is mapped here, once.
 */
export function apiRoute(handler: (ctx: ApiContext) => Promise<unknown>, opts: { status?: number; permission?: Permission } = {}) {
  return async (req: Request, ctx: Ctx = { params: Promise.resolve({}) }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    const started = Date.now();
    try {
      const actor = await authenticateRequest(req);
      assertSameOrigin(req); // after authentication: an anonymous request is a 401, a forged cookie request a 403
      if (opts.permission) assertCan(actor, opts.permission);
      const params = (await ctx.params) ?? {};
      assertRouteParams(params);
      const result = await handler({ req, actor, params, requestId });
      const res = result instanceof Response ? result : Response.json(result, { status: opts.status ?? 200 });
      res.headers.set("x-request-id", requestId);
      log.info({ requestId, method: req.method, path: new URL(req.url).pathname, status: res.status, ms: Date.now() - started, actor: actor.id }, "api request");
      return res;
    } catch (error) {
      const res = errorResponse(error, requestId);
      log.info({ requestId, method: req.method, path: new URL(req.url).pathname, status: res.status, ms: Date.now() - started }, "api request");
      return res;
    }
  };
}

/**
 * Reads a JSON body (lib/http/body.ts): 413 beyond 1 MB (checked from
 * Content-Length before reading), 415 unless Content-Type is application/json,
 * 400 when malformed. `empty`: the value of an optional, empty body.
 */
export async function readJson(req: Request, opts: { empty?: unknown; limit?: number } = {}): Promise<unknown> {
  return readJsonBody(req, { limit: BODY_LIMITS.api, ...opts });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery guard for cookie-authenticated state changes:
 * the browser's Origin (or Sec-Fetch-Site: same-origin) must name this
 * server (NEXTAUTH_URL, else the request's own host). Bearer tokens are exempt:
 * a foreign page cannot make a browser send one.
 */
export function assertSameOrigin(req: Request) {
  if (SAFE_METHODS.has(req.method) || req.headers.has("authorization")) return;
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  const expected = expectedOrigin(req);
  if (origin && origin !== "null") {
    if (origin === expected) return;
    throw new ForbiddenError("Cross-origin request refused: the Origin header does not match this server");
  }
  if (site === "same-origin") return;
  throw new ForbiddenError("Cross-origin request refused: send an Origin header that matches this server, or use an API token");
}

function expectedOrigin(req: Request): string {
  const configured = getEnv().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host;
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  return `${proto}://${host}`;
}

/** Parses `?a=b` query parameters against a schema (400 with field names). */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  return parseInput(schema, Object.fromEntries(new URL(req.url).searchParams));
}
