/**
 * OpsGate launcher: `tsx --conditions=react-server scripts/opsgate.ts <command>`.
 *   dev | start        start the embedded database when DATABASE_URL is unset,
 *                      migrate, seed demo data on first start, then run Next.
 *   migrate            apply prisma/migrations (embedded or DATABASE_URL).
 *   seed               seed demo data into an empty database.
 *   create-architect   create the first ARCHITECT (production has no demo users).
 *   verify-audit       check the audit log's hash chain.
 *   backup FILE        consistent snapshot of the database (lib/db/backup.ts).
 *   restore FILE [--force]  restore one into an empty database (--force: replace).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { getEnv } from "../lib/env";
import { migrate, pendingMigrations } from "../lib/db/migrate";
import { DataDirLockedError, readLock, startEmbedded, type EmbeddedDb } from "../lib/db/embedded";

const command = process.argv[2] ?? "dev";
const args = process.argv.slice(3);

function flag(name: string) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function fail(message: string): never {
  console.error(`opsgate: ${message}`);
  process.exit(1);
}

let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (e) {
  fail((e as Error).message);
}
const dataDir = path.resolve(env.OPSGATE_DATA_DIR);
const embedded = !env.DATABASE_URL;
if (embedded) process.env.OPSGATE_EMBEDDED = "1";

/** Connects to the configured database: PostgreSQL, the running app's embedded one, or a fresh embedded owner. */
async function openDatabase(opts: { own: boolean }): Promise<{ url: string; owned?: EmbeddedDb }> {
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

function secretFor(mode: "dev" | "start"): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (mode === "start" && !embedded) {
    fail("NEXTAUTH_SECRET is not set. In PostgreSQL mode a production start needs a fixed secret shared by all instances: set NEXTAUTH_SECRET (e.g. `openssl rand -base64 32`).");
  }
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

async function withDb<T>(fn: (url: string) => Promise<T>) {
  const { url, owned } = await openDatabase({ own: false });
  process.env.DATABASE_URL = url;
  try {
    return await fn(url);
  } finally {
    const { disconnectDb } = await import("../lib/db/client");
    await disconnectDb();
    await owned?.stop();
  }
}

async function run() {
  switch (command) {
    case "dev":
    case "start":
      return serve(command);
    case "migrate":
      return withDb(async (url) => {
        const applied = await migrate(url);
        console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database schema is up to date.");
      });
    case "seed":
      return withDb(async (url) => {
        await migrate(url);
        const { seedDemo } = await import("../lib/db/seed");
        const seeded = await seedDemo(new Date());
        console.log(seeded ? "Seeded demo data." : "Database already has users: nothing seeded.");
      });
    case "create-architect":
      return withDb(async (url) => {
        await migrate(url);
        const email = flag("email") ?? fail("usage: npm run user:create-architect -- --email EMAIL --name NAME");
        const name = flag("name") ?? email;
        let password = process.env.OPSGATE_PASSWORD;
        if (!password) {
          const rl = createInterface({ input: process.stdin, output: process.stdout });
          password = await rl.question("Password (12+ characters): ");
          rl.close();
        }
        const { createArchitect } = await import("../lib/auth/create-architect");
        const user = await createArchitect({ email, name, password });
        console.log(`Created ARCHITECT ${user.email} (${user.id}).`);
      });
    case "verify-audit":
      return withDb(async () => {
        const { verifyAuditChain } = await import("../lib/audit");
        const result = await verifyAuditChain();
        if (!result.ok) fail(`Audit chain broken at row ${result.brokenAt}: ${result.reason}`);
        console.log(`Audit chain intact (${result.rows} rows).`);
      });
    case "backup":
    case "restore": {
      const file = args.find((a) => !a.startsWith("--")) ?? fail(`usage: npm run db:${command} -- FILE${command === "restore" ? " [--force]" : ""}`);
      const { backup, restore, RestoreRefusedError } = await import("../lib/db/backup");
      const target = { databaseUrl: env.DATABASE_URL, dataDir };
      try {
        if (command === "backup") await backup(target, file);
        else await restore(target, file, { force: args.includes("--force") });
      } catch (e) {
        if (e instanceof RestoreRefusedError) fail(e.message);
        throw e;
      }
      console.log(command === "backup" ? `Backup written to ${path.resolve(file)}.` : `Restored ${path.resolve(file)}.`);
      return;
    }
    default:
      fail(`unknown command ${command}`);
  }
}

/** How long a SIGTERM waits for requests in flight before it closes their connections. */
const DRAIN_MS = 7000;

/** OPSGATE_MIGRATE_ON_START=false: the rollout's migration Job applies them once; every instance waits for it. */
async function waitForMigrations(url: string) {
  let logged = "";
  for (;;) {
    const pending = await pendingMigrations(url);
    if (!pending.length) return;
    const line = `opsgate: waiting for ${pending.length} migration(s) to be applied (${pending.at(-1)}): run \`npm run db:migrate\` or the migration Job`;
    if (line !== logged) console.log((logged = line));
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

async function serve(mode: "dev" | "start") {
  const started = Date.now();
  const secret = secretFor(mode);
  const { url, owned } = await openDatabase({ own: true });
  process.env.DATABASE_URL = url;
  if (embedded || env.OPSGATE_MIGRATE_ON_START) {
    const applied = await migrate(url);
    if (applied.length) console.log(`opsgate: applied migrations ${applied.join(", ")}`);
  } else await waitForMigrations(url);
  if (embedded || env.OPSGATE_DEMO_SEED) {
    const { seedDemo } = await import("../lib/db/seed");
    if (await seedDemo(new Date())) console.log("opsgate: seeded demo data (password for every demo user: opsgate-demo)");
    const { disconnectDb } = await import("../lib/db/client");
    await disconnectDb();
  }
  // The front server owns PORT and serves the precomputed public status responses; Next sits behind it on loopback.
  const front = env.OPSGATE_STATUS_FRONT;
  const { freePort } = await import("../lib/status/front-server");
  const nextPort = front ? env.OPSGATE_NEXT_PORT || (await freePort()) : env.PORT;
  console.log(
    `opsgate: ${embedded ? `embedded database in ${dataDir}` : "PostgreSQL from DATABASE_URL"}, ready in ${Date.now() - started} ms; starting Next (${mode}) on port ${nextPort}${front ? ` behind the status front on port ${env.PORT}` : ""}`,
  );
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, mode, "-p", String(nextPort), ...(front ? ["-H", "127.0.0.1"] : [])], {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: url,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
      OPSGATE_EMBEDDED: embedded ? "1" : "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const frontServer = front ? await startStatusFront(nextPort) : undefined;
  const stopFront = frontServer?.stop;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // Drain: the front stops accepting and lets the requests in flight finish (through Next, which is
    // still up), then Next gets the signal and drains its own. All of it within the 10 s a container
    // runtime gives before SIGKILL.
    void (frontServer ? frontServer.drain(DRAIN_MS) : Promise.resolve()).finally(() => child.kill(signal));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // A stop we asked for (SIGINT/SIGTERM) is a clean exit, whatever code Next reports for it (130/143).
  const code: number = await new Promise((resolve) => child.on("exit", (c, s) => resolve(stopping || s ? 0 : (c ?? 1))));
  // Never hang on the way out: a stuck query may keep the front's pool open, so give it 5 s.
  // The embedded database is closed in every case, and awaited: exiting before PGlite has
  // closed leaves its data directory to crash recovery on the next start.
  await Promise.race([stopFront?.(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  await owned?.stop();
  process.exit(code);
}

/** Starts the snapshot refresher and the front server on PORT (lib/status/front-server.ts); returns its drain and stop functions. */
async function startStatusFront(nextPort: number) {
  // The launcher's own small pool: the snapshot refresher runs one query a second and a rebuild now and then.
  process.env.OPSGATE_DB_POOL_MAX = "2";
  const { SnapshotRefresher } = await import("../lib/status/snapshot");
  const { createFrontServer } = await import("../lib/status/front-server");
  const refresher = new SnapshotRefresher({
    refreshMs: env.OPSGATE_STATUS_REFRESH_MS,
    rebuildMs: env.OPSGATE_STATUS_REBUILD_MS,
    dir: path.join(dataDir, "status-snapshot"),
  });
  refresher.start();
  const { servedOverHttps } = await import("../lib/http/security-headers");
  const { parseTrustedProxies } = await import("../lib/net/trusted-proxies");
  const server = createFrontServer({ upstreamPort: nextPort, https: servedOverHttps(env), trustedProxies: parseTrustedProxies(env.OPSGATE_TRUSTED_PROXIES), lookup: (key) => refresher.current?.entries.get(key) });
  const { drainable } = await import("../lib/http/drain");
  const drain = drainable(server);
  await new Promise<void>((resolve) => server.listen(env.PORT, resolve));
  return {
    drain,
    stop: async () => {
      refresher.stop();
      if (server.listening) await drain(0);
      const { disconnectDb } = await import("../lib/db/client");
      await disconnectDb();
    },
  };
}

run().catch((e) => {
  console.error(e);
  process.exit(1);
});
