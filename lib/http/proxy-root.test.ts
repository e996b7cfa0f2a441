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
