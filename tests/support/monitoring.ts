import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Real Prometheus + Alertmanager (Debian packages) started by
 * scripts/monitoring.sh on free loopback ports, with helpers to rewrite their
 * config and reload them (POST /-/reload).
 */
export function startMonitoring() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "opsgate-mon-"));
  const out = execFileSync("bash", [path.resolve("scripts/monitoring.sh"), "start", dir], { encoding: "utf8" });
  const env = Object.fromEntries(out.trim().split("\n").map((l) => l.split("=", 2) as [string, string]));
  const prometheusUrl = env.PROMETHEUS_URL;
  const alertmanagerUrl = env.ALERTMANAGER_URL;
  const reload = async (base: string) => {
    const res = await fetch(`${base}/-/reload`, { method: "POST" });
    if (!res.ok) throw new Error(`reload ${base}: ${res.status} ${await res.text()}`);
  };
  return {
    dir,
    prometheusUrl,
    alertmanagerUrl,
    async setRules(yaml: string) {
      writeFileSync(path.join(dir, "prometheus-rules.yml"), yaml);
      await reload(prometheusUrl);
    },
    async setAlertmanagerConfig(yaml: string) {
      writeFileSync(path.join(dir, "alertmanager.yml"), yaml);
      await reload(alertmanagerUrl);
    },
    stop() {
      execFileSync("bash", [path.resolve("scripts/monitoring.sh"), "stop", dir]);
    },
  };
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Serves route handlers over real HTTP on 127.0.0.1 (what Alertmanager's webhook calls). */
export async function serveHandlers(routes: Record<string, Handler>) {
  const calls: { path: string; status: number }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const handler = routes[url.pathname];
      if (!handler) return void res.writeHead(404).end();
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const response = await handler(new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined }), { params: Promise.resolve({}) });
      calls.push({ path: url.pathname, status: response.status });
      res.writeHead(response.status, { "content-type": "application/json" }).end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (p: string) => `http://127.0.0.1:${port}${p}`,
    calls,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls observable state until `check` returns a value, or fails at the deadline (no fixed sleeps). */
export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
