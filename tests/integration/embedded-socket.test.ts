import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOCKET_PASSWORD_FILE, startEmbedded, type EmbeddedDb } from "../../lib/db/embedded";

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

  it("requires the data directory's generated password (issue 11: any local process could connect)", async () => {
    const url = new URL(emb.url);
    expect(url.password.length).toBeGreaterThanOrEqual(24);
    expect(readFileSync(path.join(dir, SOCKET_PASSWORD_FILE), "utf8").trim()).toBe(decodeURIComponent(url.password));
    expect(statSync(path.join(dir, SOCKET_PASSWORD_FILE)).mode & 0o077).toBe(0);
    for (const password of ["postgres", "", `${decodeURIComponent(url.password)}x`]) {
      const client = new pg.Client({ host: "127.0.0.1", port: emb.port, user: "postgres", password, database: "postgres" });
      await expect(client.connect()).rejects.toThrow(/password authentication failed/);
      await client.end().catch(() => {});
    }
    const ok = new pg.Client({ connectionString: emb.url });
    await ok.connect();
    expect((await ok.query<{ one: number }>("SELECT 1 AS one")).rows[0].one).toBe(1);
    await ok.end();
    // a refused client leaves the socket serving the others
    expect((await pools[1].query<{ n: string }>("SELECT count(*) AS n FROM t")).rows[0].n).toBe("100");
  });
});
