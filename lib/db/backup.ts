import { execFile } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import pg from "pg";
import { readLock, startEmbedded } from "./embedded";

/**
 * `npm run db:backup -- FILE` / `npm run db:restore -- FILE [--force]`.
 *
 * PostgreSQL: Debian's `pg_dump --format=custom` (a consistent snapshot: one
 * repeatable-read transaction) and `pg_restore`.
 *
 * Embedded (PGlite): a gzipped tarball of the data directory made by PGlite's
 * `dumpDataDir` inside the process that owns it, under PGlite's query mutex, so
 * no statement runs while the files are read (a crash-consistent snapshot, like
 * a filesystem snapshot: committed transactions are in the WAL, a transaction
 * still open is rolled back on restore). A running OpsGate owns the directory,
 * so the backup asks it over its loopback-only admin endpoint (port and a random
 * token in the 0600 lock file, readable only by whoever may read the data
 * itself); with no owner running, the command opens the directory itself.
 *
 * A restore refuses a non-empty target unless `force`; an embedded restore also
 * refuses a directory that a running process owns.
 */
const run = promisify(execFile);
const PG_MAGIC = "PGDMP";

export class RestoreRefusedError extends Error {}

function pgBin(name: "pg_dump" | "pg_restore") {
  for (const dir of ["/usr/bin", ...safeDirs("/usr/lib/postgresql").map((v) => `/usr/lib/postgresql/${v}/bin`).reverse()]) {
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  return name;
}
function safeDirs(dir: string) {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

export async function backupPostgres(databaseUrl: string, file: string) {
  const tmp = `${file}.partial`;
  await run(pgBin("pg_dump"), ["--format=custom", "--no-owner", "--no-privileges", `--file=${tmp}`, `--dbname=${databaseUrl}`]);
  renameSync(tmp, file);
}

async function publicTables(client: pg.Client) {
  const r = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM information_schema.tables WHERE table_schema = 'public'`);
  return Number(r.rows[0].n);
}

export async function restorePostgres(databaseUrl: string, file: string, { force = false } = {}) {
  const head = readFileSync(file).subarray(0, 5).toString("latin1");
  if (head !== PG_MAGIC) throw new RestoreRefusedError(`${file} is not a pg_dump custom-format backup (an embedded-database backup restores only into an embedded data directory)`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if ((await publicTables(client)) > 0) {
      if (!force) throw new RestoreRefusedError("The target database is not empty: restore into an empty database, or pass --force to replace its contents");
      await client.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
    }
  } finally {
    await client.end();
  }
  await run(pgBin("pg_restore"), ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${databaseUrl}`, file]);
}

/** Writes a snapshot of the embedded database in `dataDir`, through its owning process when one runs. */
export async function backupEmbedded(dataDir: string, file: string) {
  const tmp = `${file}.partial`;
  const owner = readLock(dataDir);
  if (owner?.adminPort && owner.adminToken) {
    await new Promise<void>((resolve, reject) => {
      const req = http.get(
        { host: "127.0.0.1", port: owner.adminPort, path: "/backup", headers: { authorization: `Bearer ${owner.adminToken}` } },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            return reject(new Error(`the running OpsGate (pid ${owner.pid}) refused the backup: HTTP ${res.statusCode}`));
          }
          pipeline(res, createWriteStream(tmp, { mode: 0o600 })).then(resolve, reject);
        },
      );
      req.on("error", reject);
    });
  } else {
    const own = await startEmbedded(dataDir, 0, { admin: false });
    try {
      const blob = await own.dump();
      const fh = await open(tmp, "w", 0o600);
      await fh.writeFile(Buffer.from(await blob.arrayBuffer()));
      await fh.close();
    } finally {
      await own.stop();
    }
  }
  renameSync(tmp, file);
}

/** Replaces the embedded database in `dataDir` with a backup made by backupEmbedded. */
export async function restoreEmbedded(dataDir: string, file: string, { force = false } = {}) {
  const head = readFileSync(file).subarray(0, 2);
  if (head[0] !== 0x1f || head[1] !== 0x8b) throw new RestoreRefusedError(`${file} is not an embedded-database backup (a pg_dump backup restores only into PostgreSQL)`);
  const owner = readLock(dataDir);
  if (owner) throw new RestoreRefusedError(`OpsGate process ${owner.pid} is running on ${dataDir}: stop it before restoring`);
  const pgdata = path.join(dataDir, "pgdata");
  if (existsSync(pgdata) && statSync(pgdata).isDirectory() && readdirSync(pgdata).length > 0) {
    if (!force) throw new RestoreRefusedError(`The data directory ${dataDir} already holds a database: pass --force to replace it`);
    rmSync(pgdata, { recursive: true, force: true });
  }
  const chunks: Buffer[] = [];
  for await (const c of createReadStream(file)) chunks.push(c as Buffer);
  const db = await startEmbedded(dataDir, 0, { admin: false, loadDataDir: new Blob([Buffer.concat(chunks)]) });
  await db.stop();
}

export type BackupTarget = { databaseUrl?: string; dataDir: string };

export async function backup(target: BackupTarget, file: string) {
  const out = path.resolve(file);
  return target.databaseUrl ? backupPostgres(target.databaseUrl, out) : backupEmbedded(target.dataDir, out);
}

export async function restore(target: BackupTarget, file: string, opts: { force?: boolean } = {}) {
  const src = path.resolve(file);
  if (!existsSync(src)) throw new RestoreRefusedError(`${src} does not exist`);
  return target.databaseUrl ? restorePostgres(target.databaseUrl, src, opts) : restoreEmbedded(target.dataDir, src, opts);
}
