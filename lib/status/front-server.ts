/**
 * The thin front server (node:http) started by `scripts/opsgate.ts` on PORT.
 * GET/HEAD of a public path that has a snapshot is answered from memory
 * (ETag/304, gzip when accepted, Cache-Control); everything else, including
 * websocket upgrades (next dev's HMR), is streamed to Next on a loopback port.
 * Kept deliberately small: no routing table, no body buffering.
 */
import http from "node:http";
import net from "node:net";
import { badgeKey, CACHE_CONTROL } from "@/lib/status/public-routes";
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

export type FrontOptions = {
  upstreamPort: number;
  upstreamHost?: string;
  lookup: (key: string) => SnapshotEntry | undefined;
};

export function createFrontServer(opts: FrontOptions): http.Server {
  const host = opts.upstreamHost ?? "127.0.0.1";
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

  function serveSnapshot(req: http.IncomingMessage, res: http.ServerResponse, e: SnapshotEntry) {
    const headers: http.OutgoingHttpHeaders = {
      "content-type": e.type,
      "cache-control": CACHE_CONTROL,
      etag: e.etag,
      vary: "accept-encoding",
      "x-content-type-options": "nosniff",
    };
    if (req.headers["if-none-match"] === e.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const gz = e.gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
    const body = gz && e.gzip ? e.gzip : e.body;
    if (gz) headers["content-encoding"] = "gzip";
    headers["content-length"] = body.length;
    res.writeHead(e.status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  function proxy(req: http.IncomingMessage, res: http.ServerResponse) {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
    headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
    headers["x-forwarded-proto"] = "http";
    if (req.headers.host) headers["x-forwarded-host"] = req.headers.host;
    const up = http.request({ host, port: opts.upstreamPort, method: req.method, path: req.url, headers, agent }, (ur) => {
      const out: string[] = [];
      for (let i = 0; i < ur.rawHeaders.length; i += 2) if (!HOP_BY_HOP.has(ur.rawHeaders[i].toLowerCase())) out.push(ur.rawHeaders[i], ur.rawHeaders[i + 1]);
      res.writeHead(ur.statusCode ?? 502, ur.statusMessage, out);
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
    req.pipe(up);
  }

  const server = http.createServer((req, res) => {
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
