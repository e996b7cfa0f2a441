import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontServer, etagMatches } from "@/lib/status/front-server";
import { isPublicReadOnlyPath, JSON_TYPE, publicOptions, toResponse } from "@/lib/status/public-routes";
import type { SnapshotEntry } from "@/lib/status/snapshot";

/* Issue 16: CORS on public read-only surfaces (both the front server's snapshots and the Next handlers), HTTP caching validators. */

const body = Buffer.from(JSON.stringify({ page: { id: "p" }, pad: "x".repeat(2000) }));
const snapshot: SnapshotEntry = { status: 200, type: JSON_TYPE, body, gzip: gzipSync(body), etag: '"abc"', lastModified: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)).toUTCString() };

describe("public surfaces: CORS and caching", () => {
  let front: http.Server;
  let upstream: http.Server;
  let base = "";
  const upstreamHits: string[] = [];

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      upstreamHits.push(`${req.method} ${req.url}`);
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
    front = createFrontServer({ upstreamPort: (upstream.address() as AddressInfo).port, lookup: (key) => (key === "/api/v2/summary.json" ? snapshot : undefined) });
    await new Promise<void>((r) => front.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of [front, upstream]) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  it("sends Access-Control-Allow-Origin: * on a snapshot and answers the preflight itself", async () => {
    const res = await fetch(`${base}/api/v2/summary.json`, { headers: { origin: "https://widget.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-expose-headers")).toMatch(/ETag/);
    for (const path of ["/api/v2/summary.json", "/status/feed.atom", "/status/badge.svg", "/status/maintenance.ics", "/status"]) {
      upstreamHits.length = 0;
      const pre = await fetch(`${base}${path}`, { method: "OPTIONS", headers: { origin: "https://widget.example", "access-control-request-method": "GET", "access-control-request-headers": "if-none-match" } });
      expect(pre.status, path).toBe(204);
      expect(pre.headers.get("access-control-allow-origin"), path).toBe("*");
      expect(pre.headers.get("access-control-allow-methods"), path).toContain("GET");
      expect(pre.headers.get("access-control-allow-headers")!.toLowerCase(), path).toContain("if-none-match");
      expect(upstreamHits, path).toEqual([]);
    }
  });

  it("never answers CORS for /api/v1, auth, subscribe or dashboard routes (preflight goes to Next)", async () => {
    for (const path of ["/api/v1/incidents", "/api/auth/session", "/status/subscribe", "/changes"]) {
      expect(isPublicReadOnlyPath(path), path).toBe(false);
      upstreamHits.length = 0;
      const pre = await fetch(`${base}${path}`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "GET" } });
      expect(pre.headers.get("access-control-allow-origin"), path).toBeNull();
      expect(upstreamHits, path).toEqual([`OPTIONS ${path}`]);
    }
  });

  it("the Next handlers' responses carry the same CORS headers (cold paths, no front server)", () => {
    const r = toResponse({ status: 200, type: JSON_TYPE, body: "{}" });
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    const pre = publicOptions();
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("a weak If-None-Match gets 304; gzip and identity bodies have different ETags; Last-Modified is sent", async () => {
    const plain = await fetch(`${base}/api/v2/summary.json`, { headers: { "accept-encoding": "identity" } });
    const gz = await new Promise<http.IncomingMessage>((resolve) => http.get(`${base}/api/v2/summary.json`, { headers: { "accept-encoding": "gzip" } }, resolve));
    const chunks: Buffer[] = [];
    for await (const c of gz) chunks.push(c as Buffer);
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(Buffer.concat(chunks)).toString())).toEqual(JSON.parse(await plain.text()));
    const plainTag = plain.headers.get("etag")!;
    const gzTag = String(gz.headers.etag);
    expect(plainTag).not.toBe(gzTag);
    expect(plain.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(plain.headers.get("last-modified")).toBe("Fri, 02 Jan 2026 03:04:05 GMT");

    const weak = await fetch(`${base}/api/v2/summary.json`, { headers: { "accept-encoding": "identity", "if-none-match": `W/${plainTag}` } });
    expect(weak.status).toBe(304);
    expect(weak.headers.get("access-control-allow-origin")).toBe("*");
    const list = await fetch(`${base}/api/v2/summary.json`, { headers: { "accept-encoding": "identity", "if-none-match": `"other", ${plainTag}` } });
    expect(list.status).toBe(304);
    // the gzip validator does not validate the identity body
    const cross = await fetch(`${base}/api/v2/summary.json`, { headers: { "accept-encoding": "identity", "if-none-match": gzTag } });
    expect(cross.status).toBe(200);
  });

  it("etagMatches follows RFC 9110 weak comparison", () => {
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"a"', 'W/"a"')).toBe(true);
    expect(etagMatches("*", '"a"')).toBe(true);
    expect(etagMatches('"b", W/"c"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
  });
});
