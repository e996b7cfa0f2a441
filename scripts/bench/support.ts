/**
 * What the benchmarks share: a throwaway database (and, when asked, a
 * throwaway PostgreSQL server), migrated; the production server started
 * through the launcher; free ports; a credentials sign-in; an autocannon
 * run; percentiles and Markdown tables for the output.
 */
import { execFileSync, spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { migrate } from "../../lib/db/migrate";

/** The PostgreSQL server to benchmark on: BENCH_DATABASE_URL, else TEST_DATABASE_URL. */
export function benchServerUrl(): string {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!server) throw new Error("Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server URL");
  return server;
}

/** BENCH_DATABASE_URL, or a throwaway server from scripts/postgres.sh (its stop goes into `cleanups`). */
export function benchServerUrlOrThrowaway(prefix: string, cleanups: Cleanups): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-pg-`));
  const url = execFileSync("bash", ["scripts/postgres.sh", "start", dir], { encoding: "utf8" }).trim();
  cleanups.push(() => void execFileSync("bash", ["scripts/postgres.sh", "stop", dir]));
  return url;
}

export type Cleanups = (() => Promise<void> | void)[];

export type BenchDatabase = { name: string; url: string; drop: () => Promise<void> };

/** Creates database `name` on `serverUrl` and applies the migrations; `drop()` removes it (forcing its connections closed). */
export async function createBenchDatabase(serverUrl: string, name: string): Promise<BenchDatabase> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
  try {
    await migrate(url);
  } catch (e) {
    await drop();
    throw e;
  }
  return { name, url, drop };
}

/** A free TCP port on loopback. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });

/**
 * The production server (`scripts/opsgate.ts start`, front on PORT, Next on
 * OPSGATE_NEXT_PORT) in its own process group; its stop (SIGTERM to the
 * group, SIGKILL after 8 s) goes into `cleanups`.
 */
export function startProductionServer(env: Record<string, string>, stdio: StdioOptions, cleanups: Cleanups): ChildProcess {
  const server = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/opsgate.ts", "start"], { detached: true, stdio, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", ...env } });
  const pid = server.pid ?? 0;
  cleanups.push(async () => {
    const exited = new Promise((r) => server.once("exit", r));
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone
    }
  });
  return server;
}

/** Polls until `ready()` (default: GET /api/ready is 2xx) or throws after 180 s or when the server exits. */
export async function waitForServer(base: string, server: ChildProcess, ready: () => Promise<boolean> = () => fetch(`${base}/api/ready`).then((r) => r.ok)) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server not ready within 180 s");
}

/** The q-quantile (0 < q ≤ 1) of `values`, nearest rank. */
export function percentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

/** Signs in through Auth.js's credentials callback; returns the Cookie header (CSRF + session cookies). */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const jar = (csrfRes.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const cookies = [...jar, ...(res.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0])];
  if (!cookies.some((c) => c.includes("session-token"))) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  return cookies.join("; ");
}

export type LoadResult = { rps: number; p50: number; p90: number; p97_5: number; p99: number; errors: number; timeouts: number; non2xx: number; mbps: number };

/** One autocannon run against `url` (after `warmupSeconds` of unrecorded load, if any). */
export async function runLoad(url: string, opts: { connections: number; seconds: number; headers?: Record<string, string>; warmupSeconds?: number }): Promise<LoadResult> {
  const headers = opts.headers ?? {};
  if (opts.warmupSeconds) await autocannon({ url, connections: opts.connections, duration: opts.warmupSeconds, headers });
  const r = await autocannon({ url, connections: opts.connections, duration: opts.seconds, headers });
  return { rps: r.requests.average, p50: r.latency.p50, p90: r.latency.p90, p97_5: r.latency.p97_5, p99: r.latency.p99, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, mbps: r.throughput.average / 1e6 };
}

/** A Markdown table (header row, separator, one line per row). */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
