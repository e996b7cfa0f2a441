import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from "@/lib/errors";

/**
 * Request body limits (issue 11): a body is refused with 413 from its
 * Content-Length before a byte is read, and a body without one (chunked) is
 * read only up to the limit. The status front server applies the same limits
 * (lib/status/front-server.ts `bodyLimitFor`) before proxying to Next.
 */
export const BODY_LIMITS = {
  /** anonymous public forms (status subscribe / unsubscribe) */
  publicForm: 64 * 1024,
  /** /api/v1 and everything else */
  api: 1024 * 1024,
  /** alert ingest (/api/alerts/*) */
  alerts: 512 * 1024,
} as const;

/** The limit for a request path (shared by the front server and the route handlers). */
export function bodyLimitFor(pathname: string): number {
  if (pathname === "/status" || pathname.startsWith("/status/")) return BODY_LIMITS.publicForm;
  if (pathname.startsWith("/api/alerts/") || pathname === "/api/alerts") return BODY_LIMITS.alerts;
  return BODY_LIMITS.api;
}

/** Reads at most `limit` bytes of the body; 413 when it is (or says it is) larger. */
export async function readBodyLimited(req: Request, limit: number): Promise<Buffer> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw new PayloadTooLargeError(limit);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** True when the request's Content-Type is application/json (or +json). */
export function isJsonContentType(req: Request): boolean {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * A JSON body within `limit` bytes: 413 when too large, 415 unless
 * Content-Type is JSON, 400 when malformed. `empty`: what an empty body
 * means (for bodies that are optional); without it an empty body is a 400.
 */
export async function readJsonBody(req: Request, opts: { limit?: number; empty?: unknown } = {}): Promise<unknown> {
  const limit = opts.limit ?? BODY_LIMITS.api;
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw new PayloadTooLargeError(limit);
  if ("empty" in opts && (declared === "0" || !req.body)) return opts.empty;
  const buf = await readBodyLimited(req, limit);
  if ("empty" in opts && buf.toString("utf8").trim() === "") return opts.empty;
  if (!isJsonContentType(req)) throw new UnsupportedMediaTypeError();
  const raw = buf.toString("utf8");
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ValidationError({ body: "The request body must be valid JSON" });
  }
}

/** A urlencoded or multipart form within `limit` bytes (public forms). */
export async function readFormBody(req: Request, limit: number = BODY_LIMITS.publicForm): Promise<FormData> {
  const buf = await readBodyLimited(req, limit);
  const headers = new Headers();
  const type = req.headers.get("content-type");
  if (type) headers.set("content-type", type);
  try {
    return await new Response(new Uint8Array(buf), { headers }).formData();
  } catch {
    throw new ValidationError({ body: "The form could not be read" });
  }
}
