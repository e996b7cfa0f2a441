/**
 * Exports the public status site as static files:
 *   npm run status:export -- DIR
 * Reads DATABASE_URL (PostgreSQL), else the running app's embedded database
 * (OPSGATE_DATA_DIR), else opens that embedded database itself. Replaces
 * DIR/status and DIR/api/v2, then writes every public page, feed, badge and
 * Statuspage v2 document (see lib/status/export.ts for the layout). Run it
 * from cron or after publishing, and sync DIR to a static host that does not
 * share OpsGate's infrastructure.
 */
import path from "node:path";
import { getEnv } from "../lib/env";
import { migrate } from "../lib/db/migrate";
import { DataDirLockedError, readLock, startEmbedded, type EmbeddedDb } from "../lib/db/embedded";

const out = process.argv[2];
if (!out || out.startsWith("-")) {
  console.error("usage: npm run status:export -- DIR");
  process.exit(1);
}

const env = getEnv();
let owned: EmbeddedDb | undefined;
try {
  if (!env.DATABASE_URL) {
    const dataDir = path.resolve(env.OPSGATE_DATA_DIR);
    const running = readLock(dataDir);
    if (running?.url) process.env.DATABASE_URL = running.url;
    else {
      owned = await startEmbedded(dataDir, env.OPSGATE_PGLITE_PORT);
      await migrate(owned.url);
      process.env.DATABASE_URL = owned.url;
    }
  }
  const { cleanExportDir, exportStatusSite } = await import("../lib/status/export");
  const { disconnectDb } = await import("../lib/db/client");
  const dir = path.resolve(out);
  const started = Date.now();
  await cleanExportDir(dir);
  const result = await exportStatusSite(dir);
  await disconnectDb();
  console.log(`Exported ${result.files.length} files (${result.incidents} incident pages, ${result.historyPages} history pages) to ${dir} in ${Date.now() - started} ms.`);
} catch (e) {
  console.error(e instanceof DataDirLockedError ? `status-export: ${e.message}` : e);
  process.exitCode = 1;
} finally {
  await owned?.stop();
}
