import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbedded, type EmbeddedDb } from "../../lib/db/embedded";

/**
 * Regression: pglite-socket interleaved the wire-protocol messages of
 * concurrent connections (B's Parse between A's Parse and Bind), which broke
 * sign-ins on the e2e server with "bind message supplies 4 parameters, but
 * prepared statement "" requires 3". See lib/db/pglite-socket-queue.ts.
 */
describe("embedded database over the socket", () => {
  let dir: string;
  let emb: EmbeddedDb;
  let pools: pg.Pool[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "opsgate-socket-"));
    emb = await startEmbedded(dir);
    pools = [new pg.Pool({ connectionString: emb.url, max: 8 }), new pg.Pool({ connectionString: emb.url, max: 3 })];
    await pools[0].query("CREATE TABLE t (id serial PRIMARY KEY, at timestamptz NOT NULL, name text NOT NULL, n int NOT NULL)");
  });

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await emb.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps concurrent parameterised queries and transactions from several pools apart", async () => {
    const [main, other] = pools;
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        try {
          if (i % 3 === 0) {
            const c = await main.connect();
            try {
              await c.query("BEGIN");
              await c.query("INSERT INTO t (at, name, n) VALUES ($1, $2, $3)", [new Date(), `n${i}`, i]);
              const { rows } = await c.query<{ count: string }>("SELECT count(*) FROM t WHERE name = $1", [`n${i}`]);
              if (rows[0].count !== "1") failures.push(`tx ${i} saw ${rows[0].count}`);
              await c.query("COMMIT");
            } finally {
              c.release();
            }
          } else if (i % 3 === 1) {
            await other.query("SELECT * FROM t WHERE at > $1 AND name <> $2 LIMIT 1", [new Date(0), "x"]);
          } else {
            const { rows } = await main.query<{ v: number; s: string }>("SELECT $1::int + $2::int AS v, $3::text AS s, $4::timestamptz AS ts", [i, 1, `s${i}`, new Date()]);
            if (rows[0]?.v !== i + 1 || rows[0]?.s !== `s${i}`) failures.push(`query ${i} got ${JSON.stringify(rows[0])}`);
          }
        } catch (e) {
          failures.push(`${i}: ${(e as Error).message}`);
        }
      }),
    );
    expect(failures).toEqual([]);
    expect((await main.query<{ count: string }>("SELECT count(*) FROM t")).rows[0].count).toBe("100");
  });
});
