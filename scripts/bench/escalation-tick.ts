/**
 * Benchmark: one escalation tick over 10k open incidents on PostgreSQL.
 * Creates a throwaway database on the server in BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL), migrates it, loads 10k open, unacknowledged incidents
 * already paged up to their due level, then measures:
 *   1. a steady-state tick (nothing new due: the candidate query alone);
 *   2. a tick where 10 incidents newly cross a threshold (query + 10 paging transactions);
 *   3. paging throughput: a tick where ~600 incidents are newly due;
 *   4. case 2 again once every query shape is warm (the steady-state cost of a tick that pages).
 * Target: one tick over 10k open incidents < 1 s.
 * Run: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:44547/postgres npx tsx --conditions=react-server scripts/bench/escalation-tick.ts
 */
import { performance } from "node:perf_hooks";
import { defaultPolicy } from "../../lib/oncall/policy";
import { benchServerUrl, createBenchDatabase } from "./support";

const bench = await createBenchDatabase(benchServerUrl(), `opsgate_bench_${process.pid}_${Date.now()}`);
process.env.DATABASE_URL = bench.url;
process.env.LOG_LEVEL ??= "warn";

const MIN = 60_000;
const policy = defaultPolicy([15 * MIN, 30 * MIN, 60 * MIN]);

try {
  const { db, disconnectDb } = await import("../../lib/db/client");
  const { tickEscalations } = await import("../../lib/oncall/tick-escalations");
  const now = new Date();
  const iso = (d: Date) => d.toISOString();

  // People and one rotation per paged role.
  await db.$executeRawUnsafe(`INSERT INTO "User" (id, email, name, role, "updatedAt") SELECT 'u' || r, 'u' || r || '@bench', 'User ' || r, r::"Role", now() FROM unnest(ARRAY['SRE','SYSADMIN','NETWORK','ARCHITECT']) r`);
  for (const r of ["SRE", "SYSADMIN", "NETWORK", "ARCHITECT"]) {
    await db.rotation.create({ data: { name: `${r} rotation`, role: r as "SRE", anchorAt: new Date("2026-01-01T09:00:00Z"), members: { create: [{ userId: `u${r}`, position: 0 }] } } });
  }
  await db.component.create({ data: { id: "c1", name: "Core network", group: "Network", ownerRole: "NETWORK" } });

  // 10k open incidents declared 0..9999 s ago (all levels up to their due level already paged).
  const N = 10_000;
  await db.$executeRawUnsafe(
    `INSERT INTO "Incident" (id, title, severity, impact, "currentAction", "declaredById", "declaredAt", "lastUpdateAt", "updatedAt")
     SELECT 'i' || g, 'Bench ' || g, 'P2', 'x', 'y', 'uSRE', $1::timestamp(3) - g * interval '1 second', $1::timestamp(3), now()
       FROM generate_series(1, ${N}) g`,
    iso(now),
  );
  await db.$executeRawUnsafe(`INSERT INTO "IncidentComponent" ("incidentId", "componentId") SELECT id, 'c1' FROM "Incident"`);
  await db.$executeRawUnsafe(
    `INSERT INTO "EscalationPage" (id, "incidentId", level, role, "userId", "dueAt", at)
     SELECT 'p' || g || '-' || l, 'i' || g, l, (ARRAY['SRE','SYSADMIN','NETWORK','ARCHITECT'])[l]::"Role", 'u' || (ARRAY['SRE','SYSADMIN','NETWORK','ARCHITECT'])[l], $1::timestamp(3), $1::timestamp(3)
       FROM generate_series(1, ${N}) g, generate_series(1, 4) l
      WHERE l <= 1 + (g >= 900)::int + (g >= 1800)::int + (g >= 3600)::int`,
    iso(now),
  );
  await db.$executeRawUnsafe(`ANALYZE`);

  const time = async (label: string, at: Date, limit = 500) => {
    const t = performance.now();
    const r = await tickEscalations(at, { policy, limit });
    const ms = performance.now() - t;
    console.log(`${label}: ${ms.toFixed(0)} ms (candidates ${r.candidates}, pages ${r.paged.length}, failed ${r.failed})`);
    return ms;
  };

  await time("warm-up tick (connect, plan cache)", now);
  const steady: number[] = [];
  for (let i = 0; i < 5; i++) steady.push(await time(`steady tick ${i + 1} over ${N} open incidents, nothing due`, now));
  // +10 s: incidents declared 890..899 s ago cross +15 min (10 new level-2 pages)
  const ten = await time(`tick over ${N} open incidents, 10 newly due`, new Date(now.getTime() + 10_000));
  // +210 s: 200 s more of incidents cross each of the three thresholds (~600 incidents)
  const burst = await time(`tick over ${N} open incidents, ~600 newly due (burst)`, new Date(now.getTime() + 210_000), 1000);
  // +10 s more (warm: every query shape compiled): again ~10 incidents per threshold
  const warm = await time(`tick over ${N} open incidents, 10 newly due per threshold (warm)`, new Date(now.getTime() + 220_000));
  steady.sort((a, b) => a - b);
  console.log(`steady median ${steady[2].toFixed(0)} ms; 10 due (first paging of the process) ${ten.toFixed(0)} ms; ~600 due ${burst.toFixed(0)} ms; 10 due warm ${warm.toFixed(0)} ms`);
  await disconnectDb();
  if (steady[2] >= 1000 || warm >= 1000) process.exitCode = 1;
} finally {
  await bench.drop();
}
