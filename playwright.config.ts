import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium against the production build on the
 * embedded database (a fresh data dir per run, seeded with the demo users).
 * The server keeps the production escalation thresholds (15/30/60 min): tests
 * never wait for them, they run the tick at an injected instant (e2e/fixtures/escalate.ts).
 */
import { E2E_METRICS_TOKEN } from "./e2e/fixtures/metrics";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;
/** The shared server's embedded data dir (e2e/fixtures/escalate.ts reaches its database). */
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".test-tmp/e2e-data";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // Per server port, so parallel runs in one tree keep their own artifacts.
  outputDir: `test-results/${PORT}`,
  fullyParallel: false,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // One retry on CI only to tell a flaky test from a broken one; a test that passes only on retry still fails the run.
  retries: process.env.CI ? 1 : 0,
  failOnFlakyTests: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: BASE_URL,
    // Browsers send Origin with every POST; Playwright's API client does not, and cookie-authenticated
    // /api/v1 state changes require it (CSRF guard, lib/http/route.ts). e2e/dashboard/security.spec.ts tests without it.
    extraHTTPHeaders: { origin: BASE_URL },
    timezoneId: "Europe/Berlin",
    locale: "en-GB",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "dashboard", testMatch: /dashboard\/.*\.spec\.ts/, dependencies: ["setup"], use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "public", testMatch: /public\/.*\.spec\.ts/, use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    // `node --import tsx`, not the tsx CLI: the CLI relays SIGTERM through a 30 ms handshake and
    // SIGKILLs the launcher when the machine is busy, orphaning Next and the embedded database.
    command: "node --conditions=react-server --import tsx scripts/opsgate.ts start",
    url: `${BASE_URL}/api/ready`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      OPSGATE_DATA_DIR: E2E_DATA_DIR,
      OPSGATE_TICK_MS: "1000",
      OPSGATE_LOGIN_MAX_PER_IP: "1000",
      // the specs' webhook receivers listen on loopback (the SSRF guard refuses it otherwise)
      OPSGATE_ALLOW_PRIVATE_WEBHOOKS: "true",
      // e2e/dashboard/metrics.spec.ts scrapes /metrics of the real server
      OPSGATE_METRICS_TOKEN: E2E_METRICS_TOKEN,
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
