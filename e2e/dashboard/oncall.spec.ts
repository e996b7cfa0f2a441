import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "../fixtures/users";

/**
 * The seeded rotations alternate daily at 09:00 UTC from 2026-01-01:
 * SRE primary = Sam Reliability, Riley Oncall; Systems secondary = Sid Admin, Sasha Servers.
 * These tests never put an override on those two rotations "now", so who is on call now is predictable.
 */
const ANCHOR = Date.UTC(2026, 0, 1, 9, 0, 0);
const DAY = 86_400_000;
const onCall = (members: string[], at: number) => members[(((Math.floor((at - ANCHOR) / DAY) % members.length) + members.length) % members.length)];
const SRE = ["Sam Reliability", "Riley Oncall"];
const SYS = ["Sid Admin", "Sasha Servers"];
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const seconds = (text: string) => {
  const m = /(?:(\d+)d )?(\d\d):(\d\d):(\d\d)/.exec(text);
  if (!m) throw new Error(`not a countdown: ${text}`);
  return Number(m[1] ?? 0) * 86_400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
};

/**
 * Loads /oncall and returns who the server says is on call now (GET /api/v1/oncall/now, same session):
 * the page must show the server's answer, whatever the wall clock. Should a handoff fall between the
 * two reads, both are read again.
 */
async function gotoOnCall(page: Page) {
  let now: { primary: { name: string }; secondary: { name: string } } | undefined;
  await expect(async () => {
    const read = async () => (await (await page.request.get("/api/v1/oncall/now")).json()) as { primary: { name: string }; secondary: { name: string }; nextHandoffAt: string };
    const before = await read();
    await page.goto("/oncall");
    await expect(page.getByTestId("primary-name")).toHaveText(before.primary.name);
    now = before;
    expect((await read()).nextHandoffAt).toBe(before.nextHandoffAt);
  }).toPass();
  if (!now) throw new Error("unreachable");
  expect([...SRE, ...SYS]).toEqual(expect.arrayContaining([now.primary.name, now.secondary.name]));
  return now;
}

async function previewRow(page: Page, level: number) {
  return page.getByRole("table", { name: /Escalation preview for/ }).getByRole("row").filter({ hasText: `Level ${level}` });
}

test.describe("on-call rotation view (SRE)", () => {
  test.use({ storageState: storageStateOf("sre") });

  test("shows who is primary and secondary on call now, the ladder and every rotation", async ({ page }) => {
    const now = await gotoOnCall(page);
    await expect(page.getByRole("heading", { name: "On-call", level: 1 })).toBeVisible();
    expect(SRE).toContain(now.primary.name);
    expect(SYS).toContain(now.secondary.name);
    await expect(page.getByTestId("secondary-name")).toHaveText(now.secondary.name);
    const ladder = page.getByRole("table").filter({ hasText: "Who is paged" });
    await expect(ladder.getByRole("row").filter({ hasText: "Level 1" })).toContainText(now.primary.name);
    await expect(ladder.getByRole("row").filter({ hasText: "Level 4" })).toContainText("Ada Architect");
    for (const name of ["SRE primary", "Systems secondary", "Network specialists", "Database specialists", "Infrastructure architect"]) {
      await expect(page.getByRole("region", { name: `Rotation ${name}` })).toBeVisible();
    }
    await expect(page.getByRole("list", { name: "14-day timeline: SRE primary" }).getByRole("listitem").first()).toBeAttached();
  });

  test("the handoff countdown ticks in the browser without a reload", async ({ page }) => {
    await page.clock.install();
    await page.goto("/oncall");
    const timer = page.getByRole("timer", { name: "Primary next handoff countdown", exact: true });
    await expect(timer).toHaveText(/\d\d:\d\d:\d\d/);
    const before = seconds(await timer.innerText());
    await page.clock.runFor(65_000);
    await expect.poll(async () => before - seconds(await timer.innerText())).toBeGreaterThanOrEqual(64);
    expect(before - seconds(await timer.innerText())).toBeLessThanOrEqual(68);
  });

  test("the preview answers across a handoff: level 1 before 09:00 UTC, level 3 after it", async ({ page }) => {
    await page.goto("/oncall");
    const day = isoDay(2);
    // default thresholds 15/30/60 min: declared 08:59:55 → level 1 at 08:59:55, level 3 (Public API is owned by SRE) at 09:29:55.
    await page.getByLabel("Component").selectOption({ label: "Public API (Application)" });
    await page.getByLabel("Declared at (UTC)").fill(`${day}T08:59:55`);
    await page.getByRole("button", { name: "Preview escalation" }).click();
    const before = onCall(SRE, Date.parse(`${day}T08:59:55Z`));
    const after = onCall(SRE, Date.parse(`${day}T09:29:55Z`));
    expect(before).not.toBe(after);
    await expect(await previewRow(page, 1)).toContainText(before);
    await expect(await previewRow(page, 3)).toContainText(after);
    await expect(await previewRow(page, 4)).toContainText("Ada Architect");
  });

  test("a calendar feed of my shifts is served by its secret URL until revoked", async ({ page, request }) => {
    await page.goto("/oncall");
    await page.getByLabel("Feed of").selectOption({ label: "My shifts (all rotations)" });
    await page.getByRole("button", { name: "Create feed URL" }).click();
    const url = (await page.getByTestId("calendar-url").innerText()).trim();
    expect(url).toMatch(/\/ical\/ogc_[\w-]+\.ics$/);
    const res = await request.get(url);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/calendar");
    const body = await res.text();
    expect(body).toContain("BEGIN:VCALENDAR");
    expect(body).toContain("On call: Sam Reliability (SRE primary)");
    expect(body).not.toContain("Riley Oncall");
    await page.reload();
    const revoke = page.getByRole("button", { name: "Revoke feed: My shifts (all rotations)" }).first();
    await revoke.click();
    await expect.poll(async () => (await request.get(url)).status()).toBe(404);
  });
});

test.describe("overrides (ARCHITECT)", () => {
  test.use({ storageState: storageStateOf("architect") });

  test("an override changes who is shown on the timeline and in the preview; an overlapping one is refused", async ({ page }) => {
    await page.goto("/oncall");
    const day = isoDay(3);
    const form = page.getByRole("form", { name: "Cover a shift" });
    await form.getByLabel("Rotation").selectOption({ label: "Database specialists" });
    await form.getByLabel("Who covers").selectOption({ label: "Nia Network (NETWORK)" });
    await form.getByLabel("Starts (UTC)").fill(`${day}T12:00`);
    await form.getByLabel("Ends (UTC)").fill(`${day}T18:00`);
    await form.getByLabel("Reason (optional)").fill("e2e cover");
    await form.getByRole("button", { name: "Save override" }).click();
    await expect(form.getByRole("status")).toHaveText("Override saved");

    const rotation = page.getByRole("region", { name: "Rotation Database specialists" });
    await expect(rotation.getByRole("list", { name: "Overrides on Database specialists" })).toContainText(`Nia Network: ${day} 12:00 UTC – ${day} 18:00 UTC`);
    await expect(rotation.getByRole("list", { name: "14-day timeline: Database specialists" }).getByRole("listitem").filter({ hasText: "Nia Network" })).toHaveAttribute("data-source", "override");

    // The preview for a database component at that time pages Nia at level 3 instead of Dana.
    await page.getByLabel("Component").selectOption({ label: "PostgreSQL cluster (Database)" });
    await page.getByLabel("Declared at (UTC)").fill(`${day}T12:30:00`);
    await page.getByRole("button", { name: "Preview escalation" }).click();
    await expect(await previewRow(page, 3)).toContainText("Nia Network (override)");
    await page.getByLabel("Declared at (UTC)").fill(`${day}T11:00:00`);
    await page.getByRole("button", { name: "Preview escalation" }).click();
    await expect(await previewRow(page, 3)).toContainText("Dana Database");

    // Overlapping override on the same rotation: refused by the server, with the reason shown.
    await form.getByLabel("Rotation").selectOption({ label: "Database specialists" });
    await form.getByLabel("Starts (UTC)").fill(`${day}T17:00`);
    await form.getByLabel("Ends (UTC)").fill(`${day}T20:00`);
    await form.getByRole("button", { name: "Save override" }).click();
    await expect(form.getByRole("alert")).toContainText("overlaps");
  });
});

test.describe("on-call rotation view (VIEWER)", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("a viewer reads the schedule and previews, but is offered no override form", async ({ page }) => {
    await gotoOnCall(page);
    await expect(page.getByRole("form", { name: "Escalation preview" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Cover a shift" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: /Edit rotation/ })).toHaveCount(0);
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
});
