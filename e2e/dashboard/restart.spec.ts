import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "../fixtures/users";

/**
 * These tests run their OWN OpsGate server (same build, fresh data dir) so
 * they can stop and restart it, and lock an account, without disturbing the
 * shared server the other specs use.
 */
type Server = { proc: ChildProcess; port: number; url: string; stderr: () => string; exited: Promise<number> };

const servers: Server[] = [];
let dataDir: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function startServer(port: number, dir = dataDir): Server {
  // As `npm start` runs it: node with tsx's loader, so SIGTERM reaches the launcher itself.
  const proc = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/opsgate.ts", "start"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      PORT: String(port),
      OPSGATE_DATA_DIR: dir,
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
      NEXTAUTH_URL: `http://localhost:${port}`,
      OPSGATE_LOGIN_MAX_PER_ACCOUNT: "5",
      OPSGATE_LOGIN_MAX_PER_IP: "1000",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true, // its own process group: stopServer waits for all of it, afterAll kills what is left
  });
  let err = "";
  proc.stderr?.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number>((resolve) => proc.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  const server = { proc, port, url: `http://localhost:${port}`, stderr: () => err, exited };
  servers.push(server);
  return server;
}

async function waitReady(server: Server) {
  await expect
    .poll(
      async () => {
        if (server.proc.exitCode !== null) throw new Error(`server exited early (${server.proc.exitCode}): ${server.stderr()}`);
        try {
          return (await fetch(`${server.url}/api/ready`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 120_000, intervals: [250, 500, 1000] },
    )
    .toBe(200);
}

/** Whether any process of the server's group (launcher, Next) is still running. */
function groupAlive(server: Server) {
  try {
    process.kill(-(server.proc.pid ?? 0), 0);
    return true;
  } catch {
    return false;
  }
}

/** A graceful stop: SIGTERM to the launcher, which stops Next and closes the database; resolves with its exit code once the whole group is gone. */
async function stopServer(server: Server) {
  if (server.proc.exitCode === null && server.proc.signalCode === null) server.proc.kill("SIGTERM");
  const code = await server.exited;
  await expect.poll(() => groupAlive(server), { timeout: 30_000, message: "Next outlived its launcher" }).toBe(false);
  return code;
}

test.describe.configure({ mode: "serial" });
// These servers are not BASE_URL: let the browser send its own Origin (the config's fixed one would fail Next's server-action origin check).
test.use({ extraHTTPHeaders: {} });
test.setTimeout(300_000);

test.beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "opsgate-restart-"));
});

test.afterAll(async () => {
  for (const s of servers) {
    if (s.proc.exitCode === null && s.proc.signalCode === null && s.proc.pid) {
      try {
        process.kill(-s.proc.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function listed(page: Page, base: string, name: string) {
  await page.goto(`${base}/components`);
  return page.getByRole("listitem", { name, exact: true });
}

test("a component created via the UI survives a server restart; a second owner of the data dir is refused", async ({ page }) => {
  const port = await freePort();
  const first = startServer(port);
  await waitReady(first);

  // Sign in on this server (its own secret), create a component through the form.
  await page.goto(`${first.url}/login`);
  await page.getByLabel("Email").fill("architect@opsgate.local");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Welcome,/ })).toBeVisible();
  const name = `Survivor ${Date.now().toString(36)}`;
  await page.goto(`${first.url}/components`);
  const form = page.getByRole("form", { name: "Add component" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Group", { exact: true }).fill("Storage");
  await form.getByLabel("Owner role", { exact: true }).selectOption("SYSADMIN");
  await form.getByRole("button", { name: "Add component" }).click();
  await expect(form.getByRole("status")).toHaveText("Component added.");
  await expect(await listed(page, first.url, name)).toBeVisible();

  // A second server on the same data dir must refuse to start, naming the directory.
  const intruder = startServer(await freePort());
  expect(await intruder.exited).not.toBe(0);
  expect(intruder.stderr()).toContain("data directory");
  expect(intruder.stderr()).toContain(dataDir);
  // ... and the first one is unharmed.
  expect((await fetch(`${first.url}/api/ready`)).status).toBe(200);

  // Graceful stop, then start again on the same data dir.
  expect(await stopServer(first)).toBe(0); // a requested stop is a clean exit
  expect(existsSync(path.join(dataDir, "opsgate.lock"))).toBe(false); // the database was closed, not abandoned
  const second = startServer(port);
  await waitReady(second);
  await expect(await listed(page, second.url, name)).toBeVisible(); // the session survives too: the secret lives in the data dir
  await expect(page.getByRole("listitem", { name: "DNS", exact: true })).toBeVisible();
});

test("after too many wrong passwords the account is locked with a clear message", async ({ browser }) => {
  const server = servers.find((s) => s.proc.exitCode === null && s.proc.signalCode === null);
  if (!server) throw new Error("needs the server started by the previous test (serial)");
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  for (let i = 0; i < 5; i++) {
    await signIn(page, "automation@opsgate.local", `wrong-password-${i}`);
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  }
  // Now even the right password is refused, with the reason.
  await signIn(page, "automation@opsgate.local", DEMO_PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed sign-in attempts" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  // Another account from the same browser is not affected.
  await signIn(page, "dba@opsgate.local", DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: /^Welcome,/ })).toBeVisible();
  await context.close();
});

test("SIGTERM drains a request in flight: it is answered, then the server exits 0 within 10 s", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "opsgate-drain-"));
  const server = startServer(await freePort(), dir);
  await waitReady(server);
  // A request whose body is still arriving when the signal comes: the server must wait for it and answer it.
  const body = JSON.stringify({ kind: "email", target: "not-an-email" });
  const half = Math.floor(body.length / 2);
  const socket = connect(server.port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let raw = "";
  socket.on("data", (d: Buffer) => (raw += d.toString()));
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.write(
    `POST /status/subscribe HTTP/1.1\r\nHost: localhost:${server.port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, half)}`,
  );
  await new Promise((r) => setTimeout(r, 500)); // the request head is in, the body is not complete
  const signalled = Date.now();
  server.proc.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1500)); // the server is draining now
  // New connections are refused at once (the load balancer retries elsewhere), not proxied to a closing Next.
  await expect(fetch(`${server.url}/api/ready`)).rejects.toThrow();
  socket.write(body.slice(half)); // not end(): a half-closed client aborts its own request in Node's HTTP server
  await closed;
  expect(raw.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request"); // answered (the subscribe form's validation), not cut off
  expect(raw).toContain('"fields"');
  expect(await stopServer(server)).toBe(0);
  expect(Date.now() - signalled).toBeLessThan(10_000);
  expect(existsSync(path.join(dir, "opsgate.lock"))).toBe(false);
  rmSync(dir, { recursive: true, force: true });
});
