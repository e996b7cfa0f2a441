import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { requireSocketPassword } from "./pglite-socket-auth";
import { serializeProtocolSequences } from "./pglite-socket-queue";

/**
 * The embedded database: PGlite (PostgreSQL in WASM) owning `dataDir`, served
 * on loopback over the Postgres wire protocol so the app, migrations and psql
 * all use the same `pg` driver as production.
 *
 * PGlite has no lock of its own and two openers silently lose each other's
 * rows, so `dataDir/opsgate.lock` (created with O_EXCL, holding our pid and
 * port) guarantees one owner. A lock whose pid is dead is stale and taken over.
 */
export type EmbeddedDb = {
  url: string;
  port: number;
  /** A consistent snapshot of the data directory (gzipped tar; lib/db/backup.ts). */
  dump: () => Promise<Blob>;
  stop: () => Promise<void>;
};

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly port: number | undefined,
  ) {
    super(
      `The data directory ${dataDir} is already owned by OpsGate process ${pid}` +
        (port ? ` (database on 127.0.0.1:${port})` : "") +
        `. Only one process may open it: stop that process first, or set OPSGATE_DATA_DIR to another directory.`,
    );
  }
}

/**
 * adminPort/adminToken: the owner's loopback admin endpoint (GET /backup), see lib/db/backup.ts.
 * url: how to reach the database, with its password (the lock file is mode 0600).
 */
type LockInfo = { pid: number; port?: number; url?: string; adminPort?: number; adminToken?: string };

/** The socket's password: generated once into the data directory (mode 0600), copied with it. */
export const SOCKET_PASSWORD_FILE = "db-password";

function socketPassword(dir: string): string {
  const file = path.join(dir, SOCKET_PASSWORD_FILE);
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing) return existing;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const password = randomBytes(24).toString("base64url");
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function readLock(dataDir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(path.join(dataDir, "opsgate.lock"), "utf8")) as LockInfo;
    return alive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

function acquireLock(dataDir: string): string {
  const file = path.join(dataDir, "opsgate.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeFileSync(fd, JSON.stringify({ pid: process.pid }));
      chmodSync(file, 0o600); // it will hold the admin token
      closeSync(fd);
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = readLock(dataDir);
      if (holder) throw new DataDirLockedError(dataDir, holder.pid, holder.port);
      rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`Could not lock ${file}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The owner's admin endpoint: loopback only, bearer token from the lock file. GET /backup streams
 * PGlite's dumpDataDir, which runs under PGlite's query mutex (no statement runs meanwhile).
 */
async function startAdmin(dump: () => Promise<Blob>) {
  const token = randomBytes(24).toString("base64url");
  const expected = Buffer.from(`Bearer ${token}`);
  const server = http.createServer((req, res) => {
    const got = Buffer.from(req.headers.authorization ?? "");
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) return void res.writeHead(401).end();
    if (req.method !== "GET" || req.url !== "/backup") return void res.writeHead(404).end();
    dump().then(
      async (blob) => res.writeHead(200, { "content-type": "application/gzip" }).end(Buffer.from(await blob.arrayBuffer())),
      (e: Error) => res.writeHead(500).end(e.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { token, port: (server.address() as net.AddressInfo).port, close: () => new Promise((r) => server.close(r)) };
}

export async function startEmbedded(
  dataDir: string,
  requestedPort = 0,
  opts: { admin?: boolean; loadDataDir?: Blob } = {},
): Promise<EmbeddedDb> {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lockFile = acquireLock(dir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
    const db = await PGlite.create(path.join(dir, "pgdata"), opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
    const port = requestedPort || (await freePort());
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 16 });
    serializeProtocolSequences(server); // else concurrent connections interleave Parse/Bind (see the module)
    const password = socketPassword(dir);
    requireSocketPassword(server, password); // else any local process may connect (see the module)
    const url = `postgresql://opsgate:${password}@127.0.0.1:${port}/postgres`;
    await server.start();
    const dump = () => db.dumpDataDir("gzip") as Promise<Blob>;
    const admin = opts.admin === false ? undefined : await startAdmin(dump);
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, port, url, adminPort: admin?.port, adminToken: admin?.token }));
    let stopped = false;
    return {
      port,
      url,
      dump,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await admin?.close();
        await server.stop().catch(() => {});
        await db.close().catch(() => {});
        rmSync(lockFile, { force: true });
      },
    };
  } catch (e) {
    rmSync(lockFile, { force: true });
    throw e;
  }
}
