/**
 * Benchmark: the public status page under load (issue 6).
 *
 * 1. A throwaway database on the PostgreSQL server in BENCH_DATABASE_URL (or,
 *    when unset, a throwaway server started with scripts/postgres.sh and
 *    stopped afterwards), migrated and loaded with bulk SQL: 12 public
 *    components + 1 internal, 10,000 resolved historical incidents over three
 *    years (each with two published updates and one internal note), two
 *    active incidents and one announced maintenance window.
 * 2. Static comparison files written under public/ BEFORE the server starts
 *    (next start lists public/ once at start) and deleted in `finally`:
 *      <tag>-status.html   the exact /status HTML (same size, same compressibility)
 *      <tag>-summary.json  the exact /api/v2/summary.json body
 *      <tag>-status.gz.bin /status's gzip bytes as an opaque file, requested
 *                          without Accept-Encoding: the same bytes on the wire
 *                          as /status served gzipped, with no compression work
 * 3. The real production server: `node --conditions=react-server --import tsx scripts/opsgate.ts start` (front server
 *    on PORT, Next on OPSGATE_NEXT_PORT) with the build in NEXT_DIST_DIR.
 * 4. autocannon, BENCH_CONNECTIONS (50) connections × BENCH_DURATION (20) s
 *    per case, after a 3 s warm-up: /status and /api/v2/summary.json through
 *    the front, and each static copy both through the front (proxied to Next)
 *    and directly on Next's port; the better static number is the baseline.
 *    Identity (no Accept-Encoding) and gzip (`accept-encoding: gzip` on both
 *    sides) are measured separately. Peak RSS of the server process tree is
 *    sampled from /proc every 200 ms.
 * 5. Freshness: BENCH_FRESHNESS (20) public updates posted through the domain
 *    command, one at a time on an idle server; each is timed from its commit
 *    until /status (through the front) shows it, polled every 25 ms.
 * Targets: ≥ 80 % of the static baseline, p99 < 100 ms, 0 errors, 0 non-2xx;
 * a published update live on /status within 5 s (p99).
 *
 * Run (needs a build): NEXT_DIST_DIR=.next-status2 node --conditions=react-server --import tsx scripts/bench/status-load.ts
 *   optional: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:44547/postgres,
 *   BENCH_LIGHTHOUSE=1 (also a Lighthouse run of /status and /status/history, fetched on demand with npx — it is not a dependency, its "latest"-pinned sub-dependency would unsettle the lockfile; CHROME_PATH, default /usr/bin/chromium)
 */
import { execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { benchServerUrlOrThrowaway, createBenchDatabase, freePort, markdownTable, percentile, runLoad, startProductionServer, waitForServer, type Cleanups } from "./support";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 10_000);
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`No production build in ${distDir}: run \`NEXT_DIST_DIR=${distDir} npx next build\` first`);

/** Every pid in the tree rooted at `root` (from /proc/<pid>/stat ppid). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(root);
  return out;
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function label(pid: number): string {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    const s = cmd.join(" ");
    if (s.includes("next") && (s.includes(" start") || s.includes("next-server") || s.includes("next-router"))) return "next";
    if (s.includes("scripts/opsgate.ts")) return cmd[0].endsWith("node") && !s.includes("tsx/dist/cli") ? "front (opsgate.ts)" : "tsx wrapper";
    return path.basename(cmd[0] ?? String(pid));
  } catch {
    return String(pid);
  }
}

class RssSampler {
  peakTotalKb = 0;
  peakByLabel = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly root: number) {}
  sample() {
    let total = 0;
    const now = new Map<string, number>();
    for (const pid of processTree(this.root)) {
      const kb = rssKb(pid);
      total += kb;
      const l = label(pid);
      now.set(l, (now.get(l) ?? 0) + kb);
    }
    this.peakTotalKb = Math.max(this.peakTotalKb, total);
    for (const [l, kb] of now) this.peakByLabel.set(l, Math.max(this.peakByLabel.get(l) ?? 0, kb));
  }
  start() {
    this.timer = setInterval(() => this.sample(), 200);
  }
  stop() {
    if (this.timer) clearInterval(this.timer);
  }
}

type Row = { name: string; bytes: number; rps: number; p50: number; p99: number; errors: number; non2xx: number; mbps: number };

async function cannon(name: string, url: string, headers: Record<string, string>, bytes: number, seconds = DURATION): Promise<Row> {
  const r = await runLoad(url, { connections: CONNECTIONS, seconds, headers });
  const row = { name, bytes, rps: r.rps, p50: r.p50, p99: r.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, mbps: r.mbps };
  if (seconds === DURATION) console.log(`  ${name}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, errors ${row.errors}, non-2xx ${row.non2xx}, ${row.mbps.toFixed(1)} MB/s`);
  return row;
}

async function seed(client: pg.Client, now: Date) {
  const iso = now.toISOString();
  await client.query(`INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES ('bench-sre', 'sre@bench.invalid', 'Secret Responder', 'SRE', now())`);
  await client.query(
    `INSERT INTO "Component" (id, name, "group", description, "ownerRole", public, position, "createdAt", "updatedAt")
     SELECT 'bc' || g, (ARRAY['API gateway','Customer portal','Payments','Search','Core network','VPN','Primary database','Replica database','Object storage','Backups','Web servers','Batch workers'])[g],
            (ARRAY['Application','Application','Application','Application','Network','Network','Database','Database','Storage','Storage','Server','Server'])[g],
            'Bench component ' || g, 'SRE', true, g, $1::timestamp(3) - interval '4 years', now()
       FROM generate_series(1, 12) g`,
    [iso],
  );
  await client.query(`INSERT INTO "Component" (id, name, "group", "ownerRole", public, "updatedAt") VALUES ('bc-internal', 'Internal tooling', 'Server', 'SRE', false, now())`);
  // Resolved history: one incident every ~2.6 h over three years, 10-190 min long, severity mix P1 5 %, P2 20 %, P3 40 %, P4 35 %.
  const span = 3 * 365 * 24 * 3600;
  await client.query(
    `INSERT INTO "Incident" (id, title, severity, status, impact, "currentAction", "declaredById", "declaredAt", "resolvedAt", resolution, "lastUpdateAt", "updatedAt")
     SELECT 'bi' || g, 'Historical incident ' || g || ': elevated error rates on a dependency',
            (CASE WHEN g % 20 = 0 THEN 'P1' WHEN g % 5 = 0 THEN 'P2' WHEN g % 5 IN (1, 2) THEN 'P3' ELSE 'P4' END)::"Severity", 'Resolved',
            'Internal impact note ' || g, 'Internal action ' || g, 'bench-sre',
            $1::timestamp(3) - (${span}::bigint * g / ${INCIDENTS} + 3600) * interval '1 second',
            $1::timestamp(3) - (${span}::bigint * g / ${INCIDENTS} + 3600) * interval '1 second' + (10 + (g * 37) % 180) * interval '1 minute',
            'Fixed', $1::timestamp(3), now()
       FROM generate_series(1, ${INCIDENTS}) g`,
    [iso],
  );
  await client.query(`INSERT INTO "IncidentComponent" ("incidentId", "componentId") SELECT 'bi' || g, 'bc' || (1 + g % 12) FROM generate_series(1, ${INCIDENTS}) g`);
  await client.query(`INSERT INTO "IncidentComponent" ("incidentId", "componentId") SELECT 'bi' || g, 'bc' || (1 + (g + 5) % 12) FROM generate_series(1, ${INCIDENTS}) g WHERE g % 3 = 0`);
  await client.query(`INSERT INTO "IncidentComponent" ("incidentId", "componentId") SELECT 'bi' || g, 'bc-internal' FROM generate_series(1, ${INCIDENTS}) g WHERE g % 7 = 0`);
  await client.query(
    `INSERT INTO "IncidentUpdate" (id, "incidentId", "authorId", status, message, public, "createdAt")
     SELECT 'bu' || i.id || '-' || k, i.id, 'bench-sre', (CASE k WHEN 1 THEN 'Investigating' WHEN 2 THEN 'Resolved' ELSE 'Identified' END)::"IncidentStatus",
            CASE k WHEN 1 THEN 'We are investigating elevated error rates affecting some requests. Next update within 30 minutes.'
                   WHEN 2 THEN 'The issue has been resolved and error rates are back to normal. We will publish a summary.'
                   ELSE 'INTERNAL-ONLY root cause notes for ' || i.id END,
            k <> 3, CASE k WHEN 1 THEN i."declaredAt" WHEN 2 THEN i."resolvedAt" ELSE i."declaredAt" + interval '5 minutes' END
       FROM "Incident" i, generate_series(1, 3) k WHERE i.id LIKE 'bi%'`,
  );
  // Two active incidents and one announced maintenance window.
  await client.query(
    `INSERT INTO "Incident" (id, title, severity, status, impact, "currentAction", "declaredById", "declaredAt", "lastUpdateAt", "updatedAt") VALUES
       ('ba1', 'Slow searches for some customers', 'P3', 'Identified', 'x', 'y', 'bench-sre', $1::timestamp(3) - interval '40 minutes', $1::timestamp(3), now()),
       ('ba2', 'Payment failures in one region', 'P2', 'Investigating', 'x', 'y', 'bench-sre', $1::timestamp(3) - interval '10 minutes', $1::timestamp(3), now())`,
    [iso],
  );
  await client.query(`INSERT INTO "IncidentComponent" VALUES ('ba1', 'bc4'), ('ba2', 'bc3')`);
  await client.query(
    `INSERT INTO "IncidentUpdate" (id, "incidentId", "authorId", status, message, public, "createdAt") VALUES
       ('bau1', 'ba1', 'bench-sre', 'Investigating', 'Searches are slower than usual for some customers.', true, $1::timestamp(3) - interval '40 minutes'),
       ('bau2', 'ba1', 'bench-sre', 'Identified', 'A slow index rebuild is the cause; it completes within the hour.', true, $1::timestamp(3) - interval '20 minutes'),
       ('bau3', 'ba2', 'bench-sre', 'Investigating', 'Some card payments fail in one region. We are investigating.', true, $1::timestamp(3) - interval '10 minutes')`,
    [iso],
  );
  await client.query(
    `INSERT INTO "MaintenanceWindow" (id, title, "windowStart", "windowEnd", type, impact, rollback, contact, "notifiedAt", "createdById", "updatedAt")
     VALUES ('bm1', 'Database failover test', $1::timestamp(3) + interval '2 days', $1::timestamp(3) + interval '2 days 2 hours', 'Migration', 'Writes pause for up to 30 seconds.', 'Available', 'dba', $1::timestamp(3), 'bench-sre', now())`,
    [iso],
  );
  await client.query(`INSERT INTO "MaintenanceComponent" VALUES ('bm1', 'bc7')`);
  await client.query(`ANALYZE`);
}

function waitForSnapshot(base: string, server: ChildProcess) {
  return waitForServer(base, server, async () => {
    const ready = await fetch(`${base}/api/ready`);
    // Snapshot responses carry an ETag; Next's route handlers for /status do not.
    const status = await fetch(`${base}/status`);
    return ready.ok && status.ok && !!status.headers.get("etag");
  });
}

const cleanups: Cleanups = [];
const results: Row[] = [];
let server: ChildProcess | null = null;
let sampler: RssSampler | null = null;

try {
  // ---- database
  const bench = await createBenchDatabase(benchServerUrlOrThrowaway("opsgate-status-bench", cleanups), `opsgate_bench_status_${process.pid}_${Date.now()}`);
  cleanups.push(bench.drop);
  const dbUrl = bench.url;
  const client = new pg.Client({ connectionString: dbUrl });
  client.on("error", () => {}); // the DROP … WITH (FORCE) in cleanup may end it
  await client.connect();
  cleanups.push(() => client.end().catch(() => {}));
  const now = new Date();
  let t = Date.now();
  await seed(client, now);
  const counts = await client.query<{ i: string; u: string }>(`SELECT (SELECT count(*) FROM "Incident") i, (SELECT count(*) FROM "IncidentUpdate") u`);
  console.log(`seeded ${counts.rows[0].i} incidents, ${counts.rows[0].u} updates in ${Date.now() - t} ms`);

  // ---- static copies, rendered in-process by the same renderer before the server starts
  const port = await freePort();
  const nextPort = await freePort();
  const publicUrl = `http://localhost:${port}`;
  Object.assign(process.env, { DATABASE_URL: dbUrl, OPSGATE_PUBLIC_URL: publicUrl, LOG_LEVEL: "warn" });
  const { loadPublicStatus } = await import("../../lib/status/queries");
  const { renderHot } = await import("../../lib/status/public-routes");
  const { disconnectDb } = await import("../../lib/db/client");
  t = Date.now();
  const data = await loadPublicStatus(new Date());
  const loadMs = Date.now() - t;
  t = Date.now();
  const hot = renderHot(data);
  const renderMs = Date.now() - t;
  t = Date.now();
  for (const r of hot.values()) gzipSync(r.body, { level: 6 });
  console.log(`one snapshot build, in-process: load ${loadMs} ms, render ${hot.size} responses ${renderMs} ms, gzip them ${Date.now() - t} ms`);
  if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, hot.get("/status")?.body ?? "");
  await disconnectDb();
  const statusHtml = hot.get("/status")?.body ?? "";
  const summaryJson = hot.get("/api/v2/summary.json")?.body ?? "";
  const statusGz = gzipSync(Buffer.from(statusHtml), { level: 6 });
  const tag = `bench-${process.pid}`;
  const files = { status: `${tag}-status.html`, summary: `${tag}-summary.json`, statusGz: `${tag}-status.gz.bin` };
  writeFileSync(path.join("public", files.status), statusHtml);
  writeFileSync(path.join("public", files.summary), summaryJson);
  writeFileSync(path.join("public", files.statusGz), statusGz);
  cleanups.push(() => Object.values(files).forEach((f) => rmSync(path.join("public", f), { force: true })));
  const scripts = (statusHtml.match(/<script\b/gi) ?? []).length;
  console.log(`/status: ${Buffer.byteLength(statusHtml)} B (${statusGz.length} B gzipped), <script> tags: ${scripts}; summary.json: ${Buffer.byteLength(summaryJson)} B`);

  // ---- the production server
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "opsgate-status-bench-data-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const stderr: string[] = [];
  server = startProductionServer(
    {
      DATABASE_URL: dbUrl,
      NEXTAUTH_SECRET: "status-bench-secret-status-bench-secret",
      NEXTAUTH_URL: publicUrl,
      OPSGATE_PUBLIC_URL: publicUrl,
      PORT: String(port),
      OPSGATE_NEXT_PORT: String(nextPort),
      OPSGATE_DATA_DIR: dataDir,
      NEXT_DIST_DIR: distDir,
    },
    ["ignore", "ignore", "pipe"],
    cleanups,
  );
  server.stderr?.on("data", (b: Buffer) => stderr.push(b.toString()));
  const serverPid = server.pid ?? 0;
  const front = `http://127.0.0.1:${port}`;
  const direct = `http://127.0.0.1:${nextPort}`;
  t = Date.now();
  await waitForSnapshot(front, server);
  console.log(`server ready with a snapshot in ${Date.now() - t} ms`);
  // Same bytes as the snapshot? (The page's "Updated" time differs; the size must not.)
  const served = Buffer.from(await (await fetch(`${front}/status`)).arrayBuffer());
  console.log(`served /status: ${served.length} B; static copy: ${Buffer.byteLength(statusHtml)} B`);
  const staticCheck = await fetch(`${front}/${files.status}`);
  if (!staticCheck.ok) throw new Error(`static file not served: ${staticCheck.status}`);

  sampler = new RssSampler(serverPid);
  sampler.sample();
  const idleKb = sampler.peakTotalKb;
  sampler.start();
  const id = {};
  const gz = { "accept-encoding": "gzip" };
  const sBytes = Buffer.byteLength(statusHtml);
  const jBytes = Buffer.byteLength(summaryJson);
  const cases: [string, string, Record<string, string>, number][] = [
    ["/status (identity)", `${front}/status`, id, sBytes],
    ["static copy of /status via front → Next (identity)", `${front}/${files.status}`, id, sBytes],
    ["static copy of /status on Next directly (identity)", `${direct}/${files.status}`, id, sBytes],
    ["/status (gzip)", `${front}/status`, gz, statusGz.length],
    ["static copy of /status via front → Next (gzip)", `${front}/${files.status}`, gz, statusGz.length],
    ["static copy of /status on Next directly (gzip)", `${direct}/${files.status}`, gz, statusGz.length],
    ["static file of /status's gzip size via front → Next", `${front}/${files.statusGz}`, id, statusGz.length],
    ["static file of /status's gzip size on Next directly", `${direct}/${files.statusGz}`, id, statusGz.length],
    ["/api/v2/summary.json (identity)", `${front}/api/v2/summary.json`, id, jBytes],
    ["static copy of summary.json via front → Next (identity)", `${front}/${files.summary}`, id, jBytes],
    ["static copy of summary.json on Next directly (identity)", `${direct}/${files.summary}`, id, jBytes],
  ];
  console.log(`autocannon: ${CONNECTIONS} connections × ${DURATION} s per case (3 s warm-up each)`);
  for (const [name, url, headers, bytes] of cases) {
    await cannon(name, url, headers, bytes, 3);
    results.push(await cannon(name, url, headers, bytes));
  }
  sampler.stop();
  sampler.sample();

  // Lighthouse (mobile, simulated throttling) in Debian's Chromium on the same server and data.
  if (process.env.BENCH_LIGHTHOUSE) {
    for (const p of ["/status", "/status/history"]) {
      const out = execFileSync("npx", ["--yes", "lighthouse@12.8.2", `${front}${p}`, "--chrome-flags=--headless --no-sandbox", "--only-categories=performance,accessibility,best-practices,seo", "--output=json", "--output-path=stdout", "--quiet"], {
        env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      const lh = JSON.parse(out) as { lighthouseVersion: string; categories: Record<string, { score: number }>; audits: Record<string, { displayValue?: string }> };
      const scores = Object.entries(lh.categories).map(([k, v]) => `${k} ${Math.round(v.score * 100)}`).join(", ");
      console.log(`Lighthouse ${lh.lighthouseVersion} ${p}: ${scores}; LCP ${lh.audits["largest-contentful-paint"]?.displayValue}, TBT ${lh.audits["total-blocking-time"]?.displayValue}, ${lh.audits["total-byte-weight"]?.displayValue}`);
    }
  }

  const by = (n: string) => results.find((r) => r.name === n) as Row;
  const verdict = (target: string, baselines: string[]) => {
    const r = by(target);
    const base = baselines.map(by).reduce((a, b) => (b.rps > a.rps ? b : a));
    const ratio = r.rps / base.rps;
    const ok = ratio >= 0.8 && r.p99 < 100 && r.errors === 0 && r.non2xx === 0;
    return { line: `| ${target} | ${r.rps.toFixed(0)} | ${base.rps.toFixed(0)} (${base.name}) | ${(ratio * 100).toFixed(0)} % | ${r.p99} ms | ${r.errors} / ${r.non2xx} | ${ok ? "pass" : "FAIL"} |`, ok };
  };
  const verdicts = [
    verdict("/status (identity)", ["static copy of /status via front → Next (identity)", "static copy of /status on Next directly (identity)"]),
    verdict("/status (gzip)", [
      "static copy of /status via front → Next (gzip)",
      "static copy of /status on Next directly (gzip)",
      "static file of /status's gzip size via front → Next",
      "static file of /status's gzip size on Next directly",
    ]),
    verdict("/api/v2/summary.json (identity)", ["static copy of summary.json via front → Next (identity)", "static copy of summary.json on Next directly (identity)"]),
  ];
  // ---- freshness: commit of a public update → visible on /status
  const { postIncidentUpdate } = await import("../../lib/incidents/post-incident-update");
  const benchSre = { id: "bench-sre", email: "sre@bench.invalid", name: "Secret Responder", role: "SRE" as const };
  const lags: number[] = [];
  for (let i = 0; i < Number(process.env.BENCH_FRESHNESS ?? 20); i++) {
    const message = `Freshness probe ${process.pid}-${i}: still investigating.`;
    await postIncidentUpdate({ actor: benchSre, id: "ba2", input: { message, public: true } });
    const committed = Date.now();
    for (;;) {
      if ((await (await fetch(`${front}/status`)).text()).includes(message)) break;
      if (Date.now() - committed > 30_000) throw new Error(`update ${i} not on /status after 30 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
    lags.push(Date.now() - committed);
  }
  await disconnectDb();
  lags.sort((a, b) => a - b);
  const lagAt = (q: number) => percentile(lags, q);
  const freshOk = lagAt(0.99) < 5000;
  console.log(`\nfreshness (${lags.length} public updates, commit → on /status): p50 ${lagAt(0.5)} ms, p99 ${lagAt(0.99)} ms, max ${lags[lags.length - 1]} ms — ${freshOk ? "meets" : "MISSES"} < 5 s`);

  console.log(`\n${markdownTable(["Case", "Bytes/response", "Req/s", "p50", "p99", "Errors", "Non-2xx", "MB/s"], results.map((r) => [r.name, r.bytes, r.rps.toFixed(0), `${r.p50} ms`, `${r.p99} ms`, r.errors, r.non2xx, r.mbps.toFixed(1)]))}`);
  console.log(`\n| Target | Req/s | Best static baseline | Ratio | p99 | Errors / non-2xx | Verdict |\n|---|---|---|---|---|---|---|`);
  for (const v of verdicts) console.log(v.line);
  const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
  console.log(`\nServer RSS (process tree): idle ${mb(idleKb)}, peak ${mb(sampler.peakTotalKb)}; peak per process: ${[...sampler.peakByLabel].map(([l, kb]) => `${l} ${mb(kb)}`).join(", ")}`);
  if (stderr.length) console.log(`server stderr (last 2 KB):\n${stderr.join("").slice(-2048)}`);
  if (!verdicts.every((v) => v.ok) || !freshOk) process.exitCode = 1;
} catch (err) {
  console.error("benchmark failed:", err);
  process.exitCode = 2;
} finally {
  sampler?.stop();
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch (err) {
      console.error("cleanup failed:", err);
    }
  }
}
