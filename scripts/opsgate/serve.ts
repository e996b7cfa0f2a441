import { spawn } from "node:child_process";
import path from "node:path";
import { migrate, pendingMigrations } from "../../lib/db/migrate";
import { dataDir, embedded, env } from "./context";
import { openDatabase } from "./database";
import { secretFor } from "./secret";
import { startStatusFront } from "./status-front";

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

/** `opsgate dev|start`: open (and migrate, seed) the database, then run Next behind the status front. */
export async function serve(mode: "dev" | "start") {
  const started = Date.now();
  const secret = secretFor(mode);
  const { url, owned } = await openDatabase({ own: true });
  process.env.DATABASE_URL = url;
  if (embedded || env.OPSGATE_MIGRATE_ON_START) {
    const applied = await migrate(url);
    if (applied.length) console.log(`opsgate: applied migrations ${applied.join(", ")}`);
  } else await waitForMigrations(url);
  if (embedded || env.OPSGATE_DEMO_SEED) {
    const { seedDemo } = await import("../../lib/db/seed");
    if (await seedDemo(new Date())) console.log("opsgate: seeded demo data (password for every demo user: opsgate-demo)");
    const { disconnectDb } = await import("../../lib/db/client");
    await disconnectDb();
  }
  // The front server owns PORT and serves the precomputed public status responses; Next sits behind it on loopback.
  const front = env.OPSGATE_STATUS_FRONT;
  const { freePort } = await import("../../lib/status/front-server");
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
