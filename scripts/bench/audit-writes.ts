/**
 * Benchmark: N concurrent audited writes on PostgreSQL (issue 11, hole 5).
 * Each transaction is shaped like a domain command: one write before the
 * audit call, `audit(tx, …)`, then BENCH_AFTER_MS of further work in the same
 * transaction (the rest of a command: outbox rows, pages; modelled with
 * pg_sleep so every run does the same work). Reports writes/s and the
 * per-transaction latency for each concurrency level, then (when the sealer
 * exists) how long sealing and verifying the rows take.
 * Run: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:PORT/postgres \
 *   node --conditions=react-server --import tsx scripts/bench/audit-writes.ts
 * Knobs: BENCH_WRITES (per level, default 2000), BENCH_LEVELS (default 1,4,16,32), BENCH_AFTER_MS (default 2).
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { migrate } from "../../lib/db/migrate";

const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!server) throw new Error("Set BENCH_DATABASE_URL to a PostgreSQL server URL");
const name = `opsgate_bench_audit_${process.pid}_${Date.now()}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const u = new URL(server);
u.pathname = `/${name}`;
process.env.DATABASE_URL = u.toString();
process.env.LOG_LEVEL ??= "warn";
process.env.OPSGATE_AUDIT_KEY ??= "bench-audit-key-bench-audit-key-bench-audit-key";
const LEVELS = (process.env.BENCH_LEVELS ?? "1,4,16,32").split(",").map(Number);
const WRITES = Number(process.env.BENCH_WRITES ?? 2000);
const AFTER_MS = Number(process.env.BENCH_AFTER_MS ?? 2);
process.env.OPSGATE_DB_POOL_MAX = String(Math.max(...LEVELS) + 2);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

try {
  await migrate(u.toString());
  const { db, disconnectDb } = await import("../../lib/db/client");
  const auditModule = (await import(process.env.BENCH_AUDIT_MODULE ?? "../../lib/audit")) as Record<string, unknown> & typeof import("../../lib/audit");
  const { audit } = auditModule;
  // one row per writer: writers must not queue on a shared row lock, only (if at all) on the audit chain
  const components = await Promise.all(Array.from({ length: Math.max(...LEVELS) }, (_, w) => db.component.create({ data: { name: `Bench ${w}`, group: "Bench", ownerRole: "SRE" } })));
  console.log(`audited writes on PostgreSQL, ${WRITES} per level, ${AFTER_MS} ms of work after the audit call in each transaction`);
  console.log("| concurrent writers | writes/s | p50 | p99 |");
  console.log("|---|---|---|---|");
  for (const n of LEVELS) {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: n }, async (_, w) => {
        while (next < WRITES) {
          const i = next++;
          const t0 = performance.now();
          await db.$transaction(async (tx) => {
            await tx.component.update({ where: { id: components[w].id }, data: { updatedAt: new Date() } });
            await audit(tx, { actor: { system: "bench" }, action: "bench.wrote", entity: "Bench", entityId: `w${w}-${i}`, data: { i } });
            if (AFTER_MS > 0) await tx.$executeRaw`SELECT pg_sleep(${AFTER_MS / 1000})`;
          });
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const secs = (performance.now() - started) / 1000;
    console.log(`| ${n} | ${Math.round(WRITES / secs)} | ${pct(latencies, 50).toFixed(1)} ms | ${pct(latencies, 99).toFixed(1)} ms |`);
  }
  const rows = await db.auditLog.count();
  if (typeof auditModule.sealAudit === "function") {
    const seal = auditModule.sealAudit as (opts?: { batch?: number }) => Promise<{ sealed: number }>;
    const t0 = performance.now();
    let sealed = 0;
    for (;;) {
      const r = await seal({ batch: 1000 });
      if (!r.sealed) break;
      sealed += r.sealed;
    }
    console.log(`sealing ${sealed} rows (batches of 1000): ${(performance.now() - t0).toFixed(0)} ms`);
  }
  const t1 = performance.now();
  const verdict = await (auditModule.verifyAuditChain as (o?: unknown) => Promise<unknown>)({ checkpoint: null });
  console.log(`verifying ${rows} rows: ${(performance.now() - t1).toFixed(0)} ms → ${JSON.stringify(verdict)}`);
  await disconnectDb();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
