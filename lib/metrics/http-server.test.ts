import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { observeHttpServer } from "./http-server";
import { NEXT_ASSETS_ROUTE, pathOfTarget, routeMatcher, UNMATCHED_ROUTE } from "./http-routes";
import { registry } from "./registry";

const manifest = {
  staticRoutes: [{ page: "/" }, { page: "/kpis" }, { page: "/api/v1/kpis" }, { page: "/changes/new" }],
  dynamicRoutes: [
    { page: "/changes/[id]", regex: "^/changes/([^/]+?)(?:/)?$" },
    { page: "/api/auth/[...nextauth]", regex: "^/api/auth/(.+?)(?:/)?$" },
  ],
};

describe("routeMatcher", () => {
  const route = routeMatcher(manifest);
  it("maps paths to Next route patterns, static before dynamic", () => {
    expect(route("/")).toBe("/");
    expect(route("/kpis")).toBe("/kpis");
    expect(route("/kpis/")).toBe("/kpis");
    expect(route("/changes/new")).toBe("/changes/new");
    expect(route("/changes/cmabc123")).toBe("/changes/[id]");
    expect(route("/api/auth/callback/credentials")).toBe("/api/auth/[...nextauth]");
  });
  it("keeps the label set bounded: assets, Next internals and unknown paths get fixed labels", () => {
    expect(route("/_next/static/chunks/abc.js")).toBe(NEXT_ASSETS_ROUTE);
    expect(route("/_next/image")).toBe("/_next");
    expect(route("/wp-admin.php")).toBe(UNMATCHED_ROUTE);
    expect(route("/changes/a/b")).toBe(UNMATCHED_ROUTE);
  });
  it("drops the query string", () => {
    expect(pathOfTarget("/kpis?period=7d")).toBe("/kpis");
    expect(pathOfTarget(undefined)).toBe("/");
  });
});

describe("observeHttpServer", () => {
  let stop: (() => void) | null = null;
  afterEach(() => stop?.());

  it("times every request a node http server answers, by route pattern, method and status", async () => {
    stop = observeHttpServer(manifest);
    const server = http.createServer((req, res) => {
      res.statusCode = req.url?.startsWith("/changes/") ? 404 : 200;
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    try {
      for (const p of ["/kpis?period=7d", "/kpis", "/changes/c123", "/nope"]) await (await fetch(`http://127.0.0.1:${port}${p}`)).text();
    } finally {
      await new Promise((r) => server.close(r));
    }
    const text = await registry().metrics();
    const count = (labels: string) => Number(new RegExp(`opsgate_http_request_duration_seconds_count\\{${labels}\\} (\\d+)`).exec(text)?.[1] ?? 0);
    expect(count('method="GET",route="/kpis",status="200"')).toBe(2);
    expect(count('method="GET",route="/changes/\\[id\\]",status="404"')).toBe(1);
    expect(count('method="GET",route="\\(unmatched\\)",status="200"')).toBe(1);
    expect(text).toContain("# TYPE opsgate_http_request_duration_seconds histogram");
  });
});
