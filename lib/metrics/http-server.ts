/**
 * HTTP request durations for every route the Next server answers (pages, API,
 * /metrics, assets), observed from Node's `http.server.request.start` and
 * `http.server.response.finish` diagnostics channels: no route has to opt in,
 * and a request is timed from its arrival to its last byte. Started once per
 * process from instrumentation.ts. `route` is the Next route pattern from the
 * build's routes manifest (lib/metrics/http-routes.ts).
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { httpRequestDuration } from "@/lib/metrics/instruments";
import { pathOfTarget, routeMatcher, type RoutesManifest } from "@/lib/metrics/http-routes";

const KEY = Symbol.for("opsgate.metrics.httpServer");

export function loadRoutesManifest(distDir = process.env.NEXT_DIST_DIR ?? ".next"): RoutesManifest {
  try {
    return JSON.parse(readFileSync(path.join(process.cwd(), distDir, "routes-manifest.json"), "utf8")) as RoutesManifest;
  } catch {
    return {}; // next dev before the first build: every route is "(unmatched)" rather than unbounded
  }
}

/** Subscribes once per process (idempotent); returns the function that stops observing (tests). */
export function observeHttpServer(manifest: RoutesManifest = loadRoutesManifest()): () => void {
  const g = globalThis as unknown as Record<symbol, (() => void) | undefined>;
  if (g[KEY]) return g[KEY];
  const route = routeMatcher(manifest);
  const started = new WeakMap<IncomingMessage, bigint>();
  const histogram = httpRequestDuration();
  const onStart = (m: unknown) => started.set((m as { request: IncomingMessage }).request, process.hrtime.bigint());
  const onFinish = (m: unknown) => {
    const { request, response } = m as { request: IncomingMessage; response: ServerResponse };
    const t0 = started.get(request);
    if (t0 === undefined) return;
    started.delete(request);
    histogram.observe({ method: request.method ?? "GET", route: route(pathOfTarget(request.url)), status: String(response.statusCode) }, Number(process.hrtime.bigint() - t0) / 1e9);
  };
  subscribe("http.server.request.start", onStart);
  subscribe("http.server.response.finish", onFinish);
  const stop = () => {
    unsubscribe("http.server.request.start", onStart);
    unsubscribe("http.server.response.finish", onFinish);
    g[KEY] = undefined;
  };
  g[KEY] = stop;
  return stop;
}
