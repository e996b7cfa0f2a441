/**
 * The thin front server (node:http) started by `scripts/opsgate.ts` on PORT.
 * GET/HEAD of a public path that has a snapshot is answered from memory
 * (ETag/304, gzip when accepted, Cache-Control); everything else, including
 * websocket upgrades (next dev's HMR), is streamed to Next on a loopback port.
 * Kept deliberately small: no routing table, no body buffering.
 */
import http from "node:http";
import net from "node:net";
import { bodyLimitFor } from "@/lib/http/body";
import { baseSecurityHeaders, STATUS_PAGE_CSP } from "@/lib/http/security-headers";
import { clientAddress, type TrustedProxies } from "@/lib/net/trusted-proxies";
import { badgeKey, CACHE_CONTROL, isPublicReadOnlyPath, PUBLIC_CORS_HEADERS, PUBLIC_PREFLIGHT_HEADERS } from "@/lib/status/public-routes";
import type { SnapshotEntry } from "@/lib/status/snapshot";

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate"]);

/** The snapshot key of a request URL, or null when the path is never a snapshot. */
export function snapshotKey(url: string): string | null {
  const q = url.indexOf("?");
  let p = q < 0 ? url : url.slice(0, q);
  if (p.length > 1 && p.endsWith("/")) p = p.replace(/\/+$/, "");
  if (p === "/status/badge.svg") {
    const component = q < 0 ? null : new URLSearchParams(url.slice(q + 1)).get("component");
    return badgeKey(component);
  }
  if (p === "/status" || p.startsWith("/status/") || p.startsWith("/api/v2/")) return p;
  return null;
}

/**
 * If-None-Match per RFC 9110 §13.1.2: a list, weak comparison (`W/"x"`
 * matches `"x"`), `*` matches anything.
 */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  const want = bare(etag);
  return header.split(",").some((t) => t.trim() === "*" || bare(t) === want);
}

/** The ETag of the gzip representation: a different body, so a different strong validator. */
export function gzipEtag(etag: string): string {
  return etag.endsWith('"') ? `${etag.slice(0, -1)}-gzip"` : `${etag}-gzip`;
}

export type FrontOptions = {
  upstreamPort: number;
  upstreamHost?: string;
  lookup: (key: string) => SnapshotEntry | undefined;
  /** the public URL is https: HSTS on every response */
  https?: boolean;
  /** peers whose X-Forwarded-For is believed (OPSGATE_TRUSTED_PROXIES); default none */
  trustedProxies?: TrustedProxies;
};

const pathOf = (url: string) => {
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
};

/** A JSON error for /api paths, a short text otherwise. */
function plainError(res: http.ServerResponse, path: string, status: number, code: string, message: string, extra: http.OutgoingHttpHeaders = {}) {
  const api = path.startsWith("/api/");
  const body = api ? JSON.stringify({ error: { code, message } }) : `${message}\n`;
  res.writeHead(status, { "content-type": api ? "application/json" : "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body), connection: "close", ...extra });
  res.end(body);
}

export function createFrontServer(opts: FrontOptions): http.Server {
  const host = opts.upstreamHost ?? "127.0.0.1";
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const security = baseSecurityHeaders({ https: !!opts.https });

  function serveSnapshot(req: http.IncomingMessage, res: http.ServerResponse, e: SnapshotEntry) {
    const gz = e.gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
    const etag = gz ? gzipEtag(e.etag) : e.etag;
    const headers: http.OutgoingHttpHeaders = {
      "content-type": e.type,
      "cache-control": CACHE_CONTROL,
      etag,
      vary: "accept-encoding",
      ...(e.lastModified ? { "last-modified": e.lastModified } : {}),
      ...security,
      "content-security-policy": STATUS_PAGE_CSP,
      ...PUBLIC_CORS_HEADERS,
    };
    if (etagMatches(req.headers["if-none-match"], etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const body = gz && e.gzip ? e.gzip : e.body;
    if (gz) headers["content-encoding"] = "gzip";
    headers["content-length"] = body.length;
    res.writeHead(e.status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  function proxy(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = pathOf(req.url ?? "/");
    // Body limits (lib/http/body.ts): refused from Content-Length before a byte is read or forwarded.
    const limit = bodyLimitFor(path);
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      plainError(res, path, 413, "payload_too_large", `The request body is larger than ${Math.round(limit / 1024)} kB`);
      req.resume();
      req.socket.destroySoon?.();
      return;
    }
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
    // Only a trusted proxy may say who the client is; anyone else is the client (lib/net/trusted-proxies.ts).
    headers["x-forwarded-for"] = clientAddress(req.socket.remoteAddress ?? "", req.headers["x-forwarded-for"], opts.trustedProxies ?? (() => false));
    headers["x-forwarded-proto"] = opts.https ? "https" : "http";
    if (req.headers.host) headers["x-forwarded-host"] = req.headers.host;
    const up = http.request({ host, port: opts.upstreamPort, method: req.method, path: req.url, headers, agent }, (ur) => {
      const status = ur.statusCode ?? 502;
      const out: string[] = [];
      const seen = new Set<string>();
      for (let i = 0; i < ur.rawHeaders.length; i += 2) {
        const name = ur.rawHeaders[i].toLowerCase();
        if (HOP_BY_HOP.has(name)) continue;
        seen.add(name);
        out.push(ur.rawHeaders[i], ur.rawHeaders[i + 1]);
      }
      for (const [k, v] of Object.entries(security)) if (!seen.has(k)) out.push(k, v);
      // API.md: every API error is JSON. Next answers an unsupported method with an empty 405.
      if (status === 405 && path.startsWith("/api/") && !String(ur.headers["content-type"] ?? "").includes("json")) {
        ur.resume();
        const allow = ur.headers.allow;
        plainError(res, path, 405, "method_not_allowed", `${req.method} is not supported here${allow ? `; use ${allow}` : ""}`, { ...security, ...(allow ? { allow } : {}) });
        return;
      }
      res.writeHead(status, ur.statusMessage, out);
      ur.pipe(res);
    });
    up.on("error", () => {
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
        res.end("Bad gateway: the application server is not answering.\n");
      } else res.destroy();
    });
    res.on("close", () => {
      if (!res.writableFinished) up.destroy();
    });
    // A body without Content-Length (chunked) is counted as it streams and cut at the limit.
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.unpipe(up);
        up.destroy();
        if (!res.headersSent) plainError(res, path, 413, "payload_too_large", `The request body is larger than ${Math.round(limit / 1024)} kB`);
        req.socket.destroySoon?.();
      }
    });
    req.pipe(up);
  }

  const server = http.createServer((req, res) => {
    if (req.method === "OPTIONS" && isPublicReadOnlyPath(pathOf(req.url ?? "/"))) {
      res.writeHead(204, { ...security, ...PUBLIC_PREFLIGHT_HEADERS, "content-length": 0 });
      res.end();
      return;
    }
    if (req.method === "GET" || req.method === "HEAD") {
      const key = snapshotKey(req.url ?? "/");
      const e = key ? opts.lookup(key) : undefined;
      if (e) return serveSnapshot(req, res, e);
    }
    proxy(req, res);
  });

  // Websockets (next dev's HMR): replay the request head upstream, then splice the sockets.
  server.on("upgrade", (req, socket, head) => {
    const up = net.connect(opts.upstreamPort, host, () => {
      let head0 = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2) head0 += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      up.write(`${head0}\r\n`);
      if (head.length) up.write(head);
      socket.pipe(up).pipe(socket);
    });
    up.on("error", () => socket.destroy());
    socket.on("error", () => up.destroy());
  });

  server.keepAliveTimeout = 65_000;
  return server;
}

/** A free loopback port (for Next behind the front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}
