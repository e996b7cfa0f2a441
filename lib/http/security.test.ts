import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/http/route";
import { dashboardCsp, STATUS_PAGE_CSP } from "@/lib/http/security-headers";
import { createFrontServer } from "@/lib/status/front-server";
import type { SnapshotEntry } from "@/lib/status/snapshot";

/* Issue 11: CSRF Origin rule (hole 3), front-server body limits (6), headers (7), JSON 405 (10). */

describe("assertSameOrigin (cookie-authenticated state changes)", () => {
  const req = (headers: Record<string, string>, method = "POST") => new Request("http://localhost:3000/api/v1/incidents", { method, headers });
  beforeAll(() => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    resetEnvCache();
  });
  afterAll(() => {
    delete process.env.NEXTAUTH_URL;
    resetEnvCache();
  });

  it("accepts the server's own Origin, or Sec-Fetch-Site: same-origin", () => {
    expect(() => assertSameOrigin(req({ origin: "http://localhost:3000" }))).not.toThrow();
    expect(() => assertSameOrigin(req({ "sec-fetch-site": "same-origin" }))).not.toThrow();
  });

  it.each([
    [{ origin: "http://evil.test" }],
    [{ origin: "http://localhost:3001" }],
    [{ origin: "http://localhost:3000.evil.test" }],
    [{ origin: "null", "sec-fetch-site": "cross-site" }],
    [{ "sec-fetch-site": "same-site" }], // a sibling subdomain's page
    [{ "sec-fetch-site": "cross-site" }],
    [{}],
    [{ origin: "http://evil.test", "sec-fetch-site": "same-origin" }], // the Origin wins
  ])("refuses %j", (headers) => {
    expect(() => assertSameOrigin(req(headers))).toThrow(ForbiddenError);
  });

  it("exempts Bearer tokens and safe methods", () => {
    expect(() => assertSameOrigin(req({ authorization: "Bearer x", origin: "http://evil.test" }))).not.toThrow();
    expect(() => assertSameOrigin(req({ origin: "http://evil.test" }, "GET"))).not.toThrow();
  });
});

describe("status front server", () => {
  const upstreamHits: { method: string; path: string; bytes: number }[] = [];
  let upstream: http.Server;
  let front: http.Server;
  let frontHttps: http.Server;
  let base = "";
  let baseHttps = "";
  const snapshot: SnapshotEntry = { status: 200, type: "text/html; charset=utf-8", body: Buffer.from("<h1>Status</h1>"), etag: '"e1"' } as SnapshotEntry;

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      let bytes = 0;
      req.on("data", (c: Buffer) => (bytes += c.length));
      req.on("end", () => {
        upstreamHits.push({ method: req.method ?? "", path: req.url ?? "", bytes });
        if (req.url === "/api/v1/changes" && req.method === "PUT") return res.writeHead(405, { allow: "GET, POST" }).end();
        if (req.url === "/own-csp") return res.writeHead(200, { "content-security-policy": "default-src 'self'" }).end("x");
        res.writeHead(200, { "content-type": "text/plain" }).end("upstream");
      });
    });
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
    const upstreamPort = (upstream.address() as AddressInfo).port;
    const lookup = (key: string) => (key === "/status" ? snapshot : undefined);
    front = createFrontServer({ upstreamPort, lookup });
    frontHttps = createFrontServer({ upstreamPort, lookup, https: true });
    await new Promise<void>((r) => front.listen(0, "127.0.0.1", r));
    await new Promise<void>((r) => frontHttps.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
    baseHttps = `http://127.0.0.1:${(frontHttps.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of [front, frontHttps, upstream]) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  it("refuses a body over the limit from its Content-Length before forwarding a byte (64 kB public, 1 MB API, 512 kB alerts)", async () => {
    for (const [path, size] of [
      ["/status/subscribe", 64 * 1024 + 1],
      ["/api/v1/incidents", 1024 * 1024 + 1],
      ["/api/alerts/prometheus", 512 * 1024 + 1],
    ] as const) {
      upstreamHits.length = 0;
      const res = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(size) }).catch((e: Error) => e);
      expect(res instanceof Response ? res.status : res.message, path).toBe(413);
      expect(upstreamHits, path).toHaveLength(0);
    }
    // just under the limit passes
    const ok = await fetch(`${base}/status/subscribe`, { method: "POST", body: "x".repeat(64 * 1024) });
    expect(ok.status).toBe(200);
  });

  it("cuts a chunked body at the limit", async () => {
    upstreamHits.length = 0;
    const chunk = Buffer.alloc(16 * 1024, 120);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/status/subscribe`, { method: "POST", headers: { "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      let n = 0;
      const write = () => {
        if (n++ < 200 && !req.destroyed) req.write(chunk, () => setImmediate(write));
        else req.end();
      };
      write();
    }).catch(() => 413);
    expect(status).toBe(413);
    expect(upstreamHits.every((h) => h.bytes <= 64 * 1024 + 16 * 1024)).toBe(true);
  });

  it("turns Next's empty 405 on /api into JSON, keeping Allow", async () => {
    const res = await fetch(`${base}/api/v1/changes`, { method: "PUT" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
  });

  it("puts the security headers on snapshots and proxied responses; HSTS only over https", async () => {
    const snap = await fetch(`${base}/status`);
    expect(snap.headers.get("content-security-policy")).toBe(STATUS_PAGE_CSP);
    for (const res of [snap, await fetch(`${base}/anything`)]) {
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    expect((await fetch(`${baseHttps}/status`)).headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    expect((await fetch(`${baseHttps}/x`)).headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    // a route's own policy is kept
    expect((await fetch(`${base}/own-csp`)).headers.get("content-security-policy")).toBe("default-src 'self'");
  });

  it("the status page CSP allows no script at all; the dashboard's only its nonce", () => {
    expect(STATUS_PAGE_CSP).toContain("default-src 'none'");
    expect(STATUS_PAGE_CSP).not.toContain("script-src");
    expect(STATUS_PAGE_CSP).toContain("frame-ancestors 'none'");
    const csp = dashboardCsp("abc", { dev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe("trusted proxies (OPSGATE_TRUSTED_PROXIES)", () => {
  it("believes X-Forwarded-For only from a trusted peer, taking the rightmost untrusted hop", async () => {
    const { clientAddress, parseTrustedProxies } = await import("@/lib/net/trusted-proxies");
    const none = parseTrustedProxies(undefined);
    expect(clientAddress("203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9"); // a client cannot choose its bucket
    const trusted = parseTrustedProxies("10.0.0.5, 192.168.0.0/24, ::1");
    expect(clientAddress("10.0.0.5", "198.51.100.7", trusted)).toBe("198.51.100.7");
    expect(clientAddress("::ffff:10.0.0.5", "1.1.1.1, 198.51.100.7, 192.168.0.3", trusted)).toBe("198.51.100.7"); // spoofed left hop ignored
    expect(clientAddress("10.0.0.6", "198.51.100.7", trusted)).toBe("10.0.0.6");
    expect(clientAddress("::1", undefined, trusted)).toBe("::1");
    expect(() => parseTrustedProxies("10.0.0.300")).toThrow();
  });
});
