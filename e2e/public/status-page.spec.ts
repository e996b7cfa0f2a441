import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { apiSignIn } from "../fixtures/api";
import { emailOf } from "../fixtures/users";

/**
 * The public status page, signed out: a published update appears, nothing internal, accessible, no JS needed.
 * How fast it appears is a benchmark's claim (scripts/bench/status-load.ts, "freshness"), not this test's.
 */

type V2Components = { components: { id: string; name: string; group: boolean }[] };

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("a declared P2 and its public update appear on /status; an internal update does not", async ({ page, request }) => {
  await apiSignIn(request, emailOf("sre"));
  const comps = (await (await request.get("/api/v2/components.json")).json()) as V2Components;
  const comp = comps.components.find((c) => !c.group && c.name === "Customer portal");
  expect(comp).toBeDefined();
  const id = uniq();
  const title = `Checkout errors ${id}`;
  const declared = await request.post("/api/v1/incidents", {
    data: { title, severity: "P2", impact: "Some checkouts fail", componentIds: [comp?.id], currentAction: "Investigating the payment gateway", message: `We are investigating checkout errors ${id}.`, public: true },
  });
  expect(declared.status()).toBe(201);
  const incident = (await declared.json()) as { id: string; version: number };
  const publicMessage = `Public update ${id}: a fix is rolling out`;
  const internalMessage = `Internal note ${id}: blame the cache`;
  const internal = await request.post(`/api/v1/incidents/${incident.id}/updates`, { data: { message: internalMessage, public: false, version: incident.version } });
  expect(internal.ok()).toBeTruthy();
  const { version } = (await internal.json()) as { version: number };
  expect((await request.post(`/api/v1/incidents/${incident.id}/updates`, { data: { status: "Identified", message: publicMessage, public: true, version } })).ok()).toBeTruthy();

  // The page is a server-rendered snapshot that the front refreshes when public data changes: reload until it has it.
  await expect(async () => {
    await page.goto("/status");
    await expect(page.getByRole("link", { name: title })).toBeVisible({ timeout: 200 });
    await expect(page.getByText(publicMessage)).toBeVisible({ timeout: 200 });
  }).toPass({ timeout: 20_000, intervals: [250] });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Partial System Outage|Major Service Outage/);
  await expect(page.getByText(internalMessage)).toHaveCount(0);
  expect(await page.content()).not.toContain(internalMessage);

  // The incident's own page and the v2 JSON agree; the internal note is nowhere.
  await page.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/status/incidents/${incident.id}$`));
  await expect(page.getByText(publicMessage)).toBeVisible();
  const summary = await (await page.request.get("/api/v2/summary.json")).text();
  expect(summary).toContain(publicMessage);
  expect(summary).not.toContain(internalMessage);
  const atom = await (await page.request.get("/status/feed.atom")).text();
  expect(atom).toContain(title);
  expect(atom).not.toContain(internalMessage);
});

test("status pages have no axe violations", async ({ page }) => {
  test.setTimeout(90_000);
  // an incident page too: the demo seed publishes a resolved incident
  const { incidents } = (await (await page.request.get("/api/v2/incidents.json")).json()) as { incidents: { id: string }[] };
  expect(incidents.length).toBeGreaterThan(0);
  for (const path of ["/status", "/status/history", `/status/incidents/${incidents[0].id}`]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`), path).toEqual([]);
  }
});

test("fits a phone screen without horizontal scrolling", async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto("/status");
  await expect(page.getByRole("heading", { name: "Components" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await ctx.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the page renders fully; without a mail server it says email subscriptions are unavailable and the webhook form works", async ({ page }) => {
    await page.goto("/status");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Components" })).toBeVisible();
    await expect(page.getByRole("img", { name: /^Customer portal: [\d.]+ % uptime (over 90 days|since \d{4}-\d{2}-\d{2} \(earlier days: no data\))$/ })).toBeVisible();
    // the e2e server has no SMTP_URL: no email form that could never confirm
    await expect(page.getByText("Email subscriptions are unavailable here: no mail server is configured.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Subscribe by email" })).toHaveCount(0);
    await page.getByLabel("Webhook URL").fill(`http://127.0.0.1:9/nojs-${uniq()}`);
    await page.getByRole("button", { name: "Subscribe a webhook" }).click();
    await expect(page.getByRole("heading", { name: "Confirm your webhook" })).toBeVisible();
    await page.goto("/status/history");
    await expect(page.getByRole("heading", { name: "Incident history" })).toBeVisible();
  });
});
