/**
 * Benchmark: an alert storm through the real HTTP ingest path on PostgreSQL.
 *   - 10,000 alerts in 1,000 groups (10 per group), each Alertmanager payload
 *     delivered twice (retries), interleaved, over 50 concurrent keep-alive
 *     connections to an HTTP server that calls the route handler;
 *   - checks: 0 lost (10,000 alert rows), exactly 1,000 incidents, every
 *     incident paged at level 1 exactly once;
 *   - measures: ingest latency per request (p50/p99), alert received → level-1
 *     page (first delivery of a group → its page row), and level-2 latency
 *     after its threshold with 10,000 open incidents (1,000 from the storm +
 *     9,000 loaded), the escalation job running as in production
 *     (startBackgroundJobs, thresholds OPSGATE_ESCALATION_STEPS=20s,30m,60m).
 * Smaller runs: BENCH_GROUPS, BENCH_PER_GROUP, BENCH_CONCURRENCY, BENCH_OPEN_INCIDENTS.
 * Run: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:PORT/postgres npx tsx --conditions=react-server scripts/bench/alert-storm.ts
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { benchServerUrl, createBenchDatabase, percentile } from "./support";

const bench = await createBenchDatabase(benchServerUrl(), `opsgate_bench_${process.pid}_${Date.now()}`);
process.env.DATABASE_URL = bench.url;
process.env.LOG_LEVEL ??= "warn";
process.env.OPSGATE_ALERT_RATE_PER_MIN = "1000000";
process.env.OPSGATE_ESCALATION_STEPS = "20s,30m,60m";
process.env.OPSGATE_TICK_MS = "5000";
process.env.OPSGATE_OUTBOX_POLL_MS = "60000"; // deliveries are not what is measured
process.env.OPSGATE_DB_POOL_MAX ??= "20";

const GROUPS = Number(process.env.BENCH_GROUPS ?? 1000);
const PER_GROUP = Number(process.env.BENCH_PER_GROUP ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const LOAD_INCIDENTS = Number(process.env.BENCH_OPEN_INCIDENTS ?? 10_000) - GROUPS;
const pct = (xs: number[], p: number) => percentile(xs, p / 100);
const fmt = (xs: number[]) => (!xs.length ? "n=0" : `p50 ${pct(xs, 50).toFixed(1)} ms · p99 ${pct(xs, 99).toFixed(1)} ms · max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`);

try {
  const { db, disconnectDb } = await import("../../lib/db/client");
  const { POST } = await import("../../app/api/alerts/alertmanager/[key]/route");
  const { createIntegration } = await import("../../lib/alerts/integrations");
  const { startBackgroundJobs, stopBackgroundJobs } = await import("../../lib/jobs/start");

  const architect = await db.user.create({ data: { email: "a@bench", name: "Architect", role: "ARCHITECT" } });
  const sre = await db.user.create({ data: { email: "sre@bench", name: "SRE", role: "SRE" } });
  const sys = await db.user.create({ data: { email: "sys@bench", name: "Sys", role: "SYSADMIN" } });
  await db.rotation.create({ data: { name: "SRE", role: "SRE", anchorAt: new Date("2026-01-01T09:00:00Z"), members: { create: [{ userId: sre.id, position: 0 }] } } });
  await db.rotation.create({ data: { name: "SYS", role: "SYSADMIN", anchorAt: new Date("2026-01-01T09:00:00Z"), members: { create: [{ userId: sys.id, position: 0 }] } } });
  const component = await db.component.create({ data: { name: "Core", group: "Core", ownerRole: "SRE" } });
  const integration = await createIntegration({ actor: architect, input: { name: "Storm", kind: "alertmanager", defaultComponentIds: [component.id] } });

  // 9,000 (BENCH_OPEN_INCIDENTS − groups) open incidents already paged at level 1 long ago and at level 2 (load for the level-2 phase).
  const now0 = new Date();
  await db.$executeRawUnsafe(
    `INSERT INTO "Incident" (id, title, severity, impact, "currentAction", "declaredById", "declaredAt", "lastUpdateAt", "updatedAt")
     SELECT 'load' || g, 'Load ' || g, 'P3', 'x', 'y', $2, $1::timestamp(3) - interval '2 minutes', $1::timestamp(3), now() FROM generate_series(1, ${LOAD_INCIDENTS}) g`,
    now0.toISOString(),
    architect.id,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "EscalationPage" (id, "incidentId", level, role, "dueAt", at)
     SELECT 'lp' || g || '-' || l, 'load' || g, l, (ARRAY['SRE','SYSADMIN'])[l]::"Role", $1::timestamp(3), $1::timestamp(3) FROM generate_series(1, ${LOAD_INCIDENTS}) g, generate_series(1, 2) l`,
    now0.toISOString(),
  );

  const app = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const key = (req.url ?? "").split("/").pop() ?? "";
      const r = await POST(new Request(`http://bench${req.url}`, { method: "POST", headers: { "content-type": "application/json" }, body: Buffer.concat(chunks) }), { params: Promise.resolve({ key }) });
      res.writeHead(r.status, { "content-type": "application/json" }).end(Buffer.from(await r.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/alerts/alertmanager/${integration.key}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const post = (body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.end(body);
    });

  // Deliveries: alert a of group g, each twice, interleaved across groups (as many Alertmanager groups flush at once).
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  const deliveries: { group: number; body: string }[] = [];
  for (let a = 0; a < PER_GROUP; a++)
    for (let rep = 0; rep < 2; rep++)
      for (let g = 0; g < GROUPS; g++) {
        const alert = { status: "firing", labels: { alertname: `Storm${g}`, instance: `i${a}`, severity: "critical" }, annotations: { summary: `Storm ${g} on i${a}` }, startsAt, endsAt: "0001-01-01T00:00:00Z", generatorURL: "http://prom/graph", fingerprint: `g${g}a${a}` };
        deliveries.push({ group: g, body: JSON.stringify({ version: "4", groupKey: `{}:{alertname="Storm${g}"}`, status: "firing", receiver: "opsgate", groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: "http://am", alerts: [alert] }) });
      }

  // The background jobs run throughout, as in production: level 2 falls due 20 s after each declaration.
  process.env.OPSGATE_WORKERS = "true";
  await startBackgroundJobs();

  const firstSentAt = new Map<number, number>(); // group → wall-clock ms of its first delivery
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < deliveries.length) {
        const d = deliveries[next++];
        if (!firstSentAt.has(d.group)) firstSentAt.set(d.group, Date.now());
        const s = performance.now();
        const status = await post(d.body);
        latencies.push(performance.now() - s);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const stormMs = performance.now() - t0;

  const alerts = await db.alert.count({ where: { integrationId: integration.id } });
  const incidents = await db.incident.findMany({ where: { integrationId: integration.id }, select: { alertGroupKey: true, declaredAt: true, pages: { select: { level: true, at: true } } } });
  const level1 = incidents.map((i) => {
    const g = Number(/Storm(\d+)/.exec(i.alertGroupKey ?? "")?.[1]);
    const page = i.pages.find((p) => p.level === 1);
    return page ? page.at.getTime() - (firstSentAt.get(g) ?? 0) : Number.POSITIVE_INFINITY;
  });
  console.log(`storm: ${deliveries.length} requests in ${(stormMs / 1000).toFixed(1)} s (${Math.round(deliveries.length / (stormMs / 1000))} req/s), statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`alerts stored: ${alerts} (expected ${GROUPS * PER_GROUP}) · incidents: ${incidents.length} (expected ${GROUPS}) · level-1 pages: ${incidents.filter((i) => i.pages.filter((p) => p.level === 1).length === 1).length}`);
  console.log(`ingest latency: ${fmt(latencies)}`);
  console.log(`alert received → level-1 page: ${fmt(level1)}`);

  // Level 2 after its 20 s threshold, with 10,000 open incidents, by the production job runner (started before the storm).
  const open = await db.incident.count({ where: { resolvedAt: null } });
  const lastDue = Math.max(...incidents.map((i) => i.declaredAt.getTime())) + 20_000;
  const deadline = Math.max(lastDue, Date.now()) + 15_000;
  for (;;) {
    const paged = await db.escalationPage.count({ where: { level: 2, incident: { integrationId: integration.id } } });
    if (paged >= incidents.length || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  stopBackgroundJobs();
  const l2 = await db.escalationPage.findMany({ where: { level: 2, incident: { integrationId: integration.id } }, select: { at: true, dueAt: true } });
  console.log(`open incidents during level 2: ${open} · level-2 pages: ${l2.length} (expected ${incidents.length})`);
  console.log(`level-2 page after its threshold: ${fmt(l2.map((p) => p.at.getTime() - p.dueAt.getTime()))}`);
  app.close();
  agent.destroy();
  await disconnectDb();
} finally {
  await bench.drop();
}
