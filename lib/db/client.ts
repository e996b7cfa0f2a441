import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { dbEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The only place a PrismaClient is created. Lazy: nothing connects until the
 * first query, so `next build` never touches a database. Cached on globalThis
 * so dev hot reloads reuse one pool.
 */
function create(url: string, poolMax: number, embedded: boolean) {
  const adapter = new PrismaPg({ connectionString: url, max: poolMax });
  // The embedded database runs one transaction at a time (lib/db/pglite-socket-queue.ts), so
  // waiting for one's turn is normal there, not a failure: allow a longer wait than Prisma's 2 s.
  return new PrismaClient({ adapter, transactionOptions: embedded ? { maxWait: 15_000, timeout: 20_000 } : { maxWait: 5_000, timeout: 10_000 } });
}

export type Db = ReturnType<typeof create>;
/** A client or an interactive-transaction client. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const g = globalThis as unknown as { __opsgateDb?: Db };

export function getDb(): Db {
  if (!g.__opsgateDb) {
    const env = dbEnv();
    if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set: start OpsGate with `npm run dev` or `npm start`, which provide it");
    g.__opsgateDb = create(env.DATABASE_URL, env.OPSGATE_DB_POOL_MAX, env.OPSGATE_EMBEDDED);
  }
  return g.__opsgateDb;
}

/** Proxy so modules can `import { db }` without connecting at import time. */
export const db: Db = new Proxy({} as Db, {
  get(_t, prop) {
    const real = getDb() as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

export async function disconnectDb() {
  if (g.__opsgateDb) {
    await g.__opsgateDb.$disconnect();
    g.__opsgateDb = undefined;
  }
}
