/** Opening the configured database for a command (PostgreSQL or embedded PGlite). */
import { DataDirLockedError, readLock, startEmbedded, type EmbeddedDb } from "../../lib/db/embedded";
import { dataDir, env, fail } from "./context";

/** Connects to the configured database: PostgreSQL, the running app's embedded one, or a fresh embedded owner. */
export async function openDatabase(opts: { own: boolean }): Promise<{ url: string; owned?: EmbeddedDb }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  if (!opts.own) {
    const running = readLock(dataDir);
    if (running?.port) return { url: `postgresql://postgres:postgres@127.0.0.1:${running.port}/postgres` };
  }
  try {
    const owned = await startEmbedded(dataDir, env.OPSGATE_PGLITE_PORT);
    return { url: owned.url, owned };
  } catch (e) {
    if (e instanceof DataDirLockedError) fail(e.message);
    throw e;
  }
}

/** Runs `fn` against the database and closes it afterwards. */
export async function withDb<T>(fn: (url: string) => Promise<T>) {
  const { url, owned } = await openDatabase({ own: false });
  process.env.DATABASE_URL = url;
  try {
    return await fn(url);
  } finally {
    const { disconnectDb } = await import("../../lib/db/client");
    await disconnectDb();
    await owned?.stop();
  }
}
