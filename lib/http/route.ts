import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { authenticateRequest, type Actor } from "@/lib/auth/session";
import { ValidationError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/respond";
import { log } from "@/lib/log";
import { parseInput } from "@/lib/validation";

type Params = Record<string, string>;
type Ctx = { params: Promise<Params> };
export type ApiContext = { req: Request; actor: Actor; params: Params; requestId: string };

/**
 * Wraps an authenticated /api/v1 handler: request id → authenticate →
 * role check (`permission`, before the body is even read, so a refused
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
      if (opts.permission) assertCan(actor, opts.permission);
      const params = (await ctx.params) ?? {};
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

/** Reads a JSON body; malformed JSON is a 400 like any other bad input. */
export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new ValidationError({ body: "The request body must be valid JSON" });
  }
}

/** Parses `?a=b` query parameters against a schema (400 with field names). */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  return parseInput(schema, Object.fromEntries(new URL(req.url).searchParams));
}
