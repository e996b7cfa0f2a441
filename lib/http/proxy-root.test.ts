import { NextRequest, type NextFetchEvent } from "next/server";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import proxy from "@/proxy";
import type { NextRequestWithAuth } from "next-auth/middleware";

/* Issue 16: `/` for a signed-out visitor goes to /status, not /login; signed-in users still get the dashboard. */
describe("proxy: the bare site", () => {
  const saved = process.env.NEXTAUTH_SECRET;
  beforeAll(() => {
    process.env.NEXTAUTH_SECRET = "proxy-root-test-secret-proxy-root-test";
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.NEXTAUTH_SECRET;
    else process.env.NEXTAUTH_SECRET = saved;
  });
  const ev = {} as NextFetchEvent;

  it("sends a signed-out visitor of / to /status", async () => {
    const res = (await proxy(new NextRequest("http://ops.test/") as NextRequestWithAuth, ev))!;
    expect(res.status).toBeGreaterThanOrEqual(300);
    expect(res.status).toBeLessThan(400);
    expect(new URL(res.headers.get("location")!).pathname).toBe("/status");
  });

  it("still sends a signed-out visitor of a dashboard page to /login", async () => {
    const res = (await proxy(new NextRequest("http://ops.test/changes") as NextRequestWithAuth, ev))!;
    expect(new URL(res.headers.get("location")!).pathname).toBe("/login");
  });

  it("lets a signed-in user through to the dashboard at /", async () => {
    const token = await encode({ token: { sub: "u1", name: "U" }, secret: process.env.NEXTAUTH_SECRET! });
    const res = (await proxy(new NextRequest("http://ops.test/", { headers: { cookie: `next-auth.session-token=${token}` } }) as NextRequestWithAuth, ev))!;
    expect(res.headers.get("location")).toBeNull();
  });
});

/* Issue 11, holes 7 and 10, when Next serves directly (OPSGATE_STATUS_FRONT=false): HSTS over https and JSON 405s come from proxy.ts too. */
describe("proxy: headers and 405s without the status front", () => {
  const saved = { secret: process.env.NEXTAUTH_SECRET, url: process.env.NEXTAUTH_URL };
  beforeAll(() => {
    process.env.NEXTAUTH_SECRET = "proxy-root-test-secret-proxy-root-test";
  });
  afterAll(() => {
    for (const [k, v] of [["NEXTAUTH_SECRET", saved.secret], ["NEXTAUTH_URL", saved.url]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  const ev = {} as NextFetchEvent;
  const call = async (url: string, method = "GET") => (await proxy(new NextRequest(url, { method }) as NextRequestWithAuth, ev))!;

  it("answers a method the API route does not export with a JSON 405 and Allow", async () => {
    for (const [url, method, allow] of [
      ["http://ops.test/api/v1/changes", "PUT", "GET, POST, HEAD, OPTIONS"],
      ["http://ops.test/api/v1/changes/c1/transition", "GET", "POST, OPTIONS"],
      ["http://ops.test/api/health", "DELETE", "GET, HEAD, OPTIONS"],
    ] as const) {
      const res = await call(url, method);
      expect(res.status, `${method} ${url}`).toBe(405);
      expect(res.headers.get("allow")).toBe(allow);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(await res.json()).toMatchObject({ error: { code: "method_not_allowed" } });
    }
    // exported methods and unknown paths (the JSON 404 catch-all) pass through to the handlers
    for (const [url, method] of [["http://ops.test/api/v1/changes", "POST"], ["http://ops.test/api/v1/nope", "PUT"], ["http://ops.test/api/v1/changes/c1/transition", "POST"]] as const) {
      expect((await call(url, method)).status, `${method} ${url}`).toBe(200); // NextResponse.next()
    }
  });

  it("sends HSTS on every route class when the public URL is https, and never over http", async () => {
    const urls = ["http://ops.test/status", "http://ops.test/api/v1/changes", "http://ops.test/api/v2/summary.json", "http://ops.test/login", "http://ops.test/changes", "http://ops.test/", "http://ops.test/metrics", "http://ops.test/status/feed.atom"];
    process.env.NEXTAUTH_URL = "http://ops.test";
    for (const url of urls) expect((await call(url)).headers.get("strict-transport-security"), url).toBeNull();
    process.env.NEXTAUTH_URL = "https://ops.test";
    for (const url of urls) expect((await call(url)).headers.get("strict-transport-security"), url).toMatch(/^max-age=\d+/);
    expect((await call("http://ops.test/api/v1/changes", "PUT")).headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
  });
});
