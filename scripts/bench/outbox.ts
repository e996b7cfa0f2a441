/**
 * Benchmark: outbox delivery throughput and the cost of an idle poll.
 * Creates (and drops) its own PostgreSQL database, enqueues N generic webhook
 * messages to a real node:http receiver on loopback, and drains them with
 * 1 and with 4 concurrent `deliverDue` workers (one process, shared pool:
 * the claim path is the same SQL several instances would run). Verifies
 * every message arrived exactly once.
 *
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:44547/postgres npx tsx --conditions=react-server scripts/bench/outbox.ts
 * (falls back to TEST_DATABASE_URL). Env: BENCH_MESSAGES (2000).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { benchServerUrl, createBenchDatabase, percentile as p } from "./support";

const server = benchServerUrl();
const N = Number(process.env.BENCH_MESSAGES ?? 2000);

async function main() {
  const seen = new Map<string, number>();
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const id = String((JSON.parse(body) as { id: string }).id);
      seen.set(id, (seen.get(id) ?? 0) + 1);
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const bench = await createBenchDatabase(server, `opsgate_bench_outbox_${process.pid}`);
  try {
    process.env.DATABASE_URL = bench.url;
    process.env.OPSGATE_DB_POOL_MAX = "20";
    process.env.OPSGATE_ALLOW_PRIVATE_WEBHOOKS = "true"; // the receiver is on loopback
    process.env.LOG_LEVEL = "warn";
    const { db, disconnectDb } = await import("../../lib/db/client");
    const { deliverDue } = await import("../../lib/jobs/deliver-due");

    // Idle poll: what every instance pays each OPSGATE_OUTBOX_POLL_MS when nothing is due.
    const idle: number[] = [];
    for (let i = 0; i < 105; i++) {
      const t = performance.now();
      await deliverDue(new Date());
      if (i >= 5) idle.push(performance.now() - t);
    }
    console.log(`idle poll (empty outbox): p50 ${p(idle, 0.5).toFixed(2)} ms, p95 ${p(idle, 0.95).toFixed(2)} ms`);

    for (const workers of [1, 4]) {
      seen.clear();
      const now = new Date();
      const tag = `w${workers}`;
      await db.outboxMessage.createMany({
        data: Array.from({ length: N }, (_, i) => ({ channel: "webhook" as const, target: hook, subject: `m${i}`, payload: { event: "bench", title: `m${i}`, body: "" }, dedupeKey: `${tag}:${i}`, nextAttemptAt: now })),
      });
      // Time the drain only (enqueueing is the callers' transactions' cost).
      const t = performance.now();
      const reports = await Promise.all(Array.from({ length: workers }, () => deliverDue(now, { maxBatches: 1000 })));
      const ms = performance.now() - t;
      const delivered = reports.reduce((n, r) => n + r.delivered, 0);
      const dupes = [...seen.values()].filter((n) => n > 1).length;
      console.log(`${workers} worker(s): ${delivered}/${N} delivered in ${ms.toFixed(0)} ms = ${((delivered / ms) * 1000).toFixed(0)} msg/s; received ${seen.size} distinct, duplicates ${dupes}`);
      if (delivered !== N || seen.size !== N || dupes) throw new Error("exactly-once violated");
    }
    await disconnectDb();
  } finally {
    receiver.close();
    await bench.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
