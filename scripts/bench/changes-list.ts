/**
 * Benchmark: the change list at 100k change requests (issue 4 item 2).
 * Seeds a fresh PostgreSQL database with 100k rows (generate_series), then
 * measures `changeListPage` — exactly what /changes renders from — for the
 * common filters: p95 server time and SQL statements per page.
 *
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:44547/postgres npx tsx --conditions=react-server scripts/bench/changes-list.ts
 * (falls back to TEST_DATABASE_URL). Env: BENCH_ROWS (100000), BENCH_RUNS (60).
 */
import pg from "pg";
import { benchServerUrl, createBenchDatabase, markdownTable, percentile as p } from "./support";

const server = benchServerUrl();
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);

async function seed(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t = Date.now();
  await c.query(`
    INSERT INTO "User" (id, email, name, role, "updatedAt")
    SELECT 'u' || i, 'bench' || i || '@bench.local', 'Bench user ' || i,
           (ARRAY['ARCHITECT','SYSADMIN','NETWORK','DBA','SRE','AUTOMATION']::"Role"[])[1 + i % 6], now()
    FROM generate_series(1, 60) i;
    INSERT INTO "Component" (id, name, "group", "ownerRole", "updatedAt")
    SELECT 'c' || i, 'Bench component ' || i, (ARRAY['Server','Network','Database'])[1 + i % 3],
           (ARRAY['SYSADMIN','NETWORK','DBA']::"Role"[])[1 + i % 3], now()
    FROM generate_series(1, 24) i;`);
  await c.query(`
    INSERT INTO "ChangeRequest" (id, type, "componentId", description, justification, timeline, impact, "requesterId",
      "riskLevel", "riskAssessment", structural, "rollbackPlan", monitoring, status, version, "createdAt", "updatedAt")
    SELECT 'cr' || i,
      (ARRAY['New','Modify','Remove']::"ChangeType"[])[1 + i % 3],
      'c' || (1 + i % 24),
      (ARRAY['Upgrade','Patch','Replace','Resize','Migrate','Decommission'])[1 + i % 6] || ' ' ||
        (ARRAY['firmware','kernel','TLS certificates','replica','switch stack','load balancer pool','DNS zone'])[1 + (i / 7) % 7] || ' #' || i,
      'Keep the platform supported', (date '2026-01-01' + (i % 365)), 'Brief failover',
      'u' || (1 + i % 60),
      (ARRAY['Low','Medium','High']::"RiskLevel"[])[1 + i % 3], 'Assessed', (i % 10 = 0), 'Revert', 'Dashboard',
      (ARRAY['Draft','Submitted','Approved','Scheduled','In progress','Completed','Failed','Rolled back','Rejected','Cancelled']::"ChangeStatus"[])[1 + (i * 7) % 10],
      1, now() - (i || ' minutes')::interval, now() - ((i * 37) % ${ROWS} || ' minutes')::interval
    FROM generate_series(1, ${ROWS}) i;
    ANALYZE;`);
  await c.end();
  return Date.now() - t;
}

async function main() {
  const bench = await createBenchDatabase(server, `opsgate_bench_changes_${process.pid}`);
  try {
    const seedMs = await seed(bench.url);
    process.env.DATABASE_URL = bench.url;
    // Count every SQL statement the page's query path sends, at the driver.
    let statements = 0;
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      statements++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    const { changeListPage } = await import("../../lib/changes/queries");
    const { disconnectDb } = await import("../../lib/db/client");
    const architect = { id: "u6", role: "ARCHITECT" as const };
    const network = { id: "u2", role: "NETWORK" as const };
    const first = await changeListPage(architect, {});
    const scenarios: [string, { id: string; role: "ARCHITECT" | "NETWORK" }, Record<string, string>][] = [
      ["default (recently updated)", architect, {}],
      ["status=Submitted", architect, { status: "Submitted" }],
      ["component + risk", architect, { component: "c5", risk: "Medium" }],
      ["requester", architect, { requester: "u7" }],
      ["text search q=kernel", architect, { q: "kernel" }],
      ["text search q=CR-4242", architect, { q: "CR-4242" }],
      ["needs my approval (NETWORK)", network, { needsMyApproval: "true" }],
      ["sort by planned start", architect, { sort: "planned" }],
      ["page 2 (cursor)", architect, { cursor: first.page.nextCursor! }],
    ];
    const lines: (string | number)[][] = [];
    for (const [label, actor, query] of scenarios) {
      for (let i = 0; i < 5; i++) await changeListPage(actor, query); // warm up
      const times: number[] = [];
      let maxStatements = 0;
      for (let i = 0; i < RUNS; i++) {
        statements = 0;
        const t = performance.now();
        const r = await changeListPage(actor, query);
        times.push(performance.now() - t);
        maxStatements = Math.max(maxStatements, statements);
        if (i === 0 && !r.page.data.length && !label.startsWith("needs")) throw new Error(`${label}: no rows`);
      }
      lines.push([label, p(times, 0.5).toFixed(1), p(times, 0.95).toFixed(1), maxStatements]);
    }
    await disconnectDb();
    console.log(`Seeded ${ROWS} change requests in ${(seedMs / 1000).toFixed(1)} s; ${RUNS} runs per scenario.\n`);
    console.log(markdownTable(["Scenario", "p50 ms", "p95 ms", "SQL statements"], lines));
  } finally {
    await bench.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
