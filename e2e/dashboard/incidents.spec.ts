import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { escalateAt } from "../fixtures/escalate";
import { storageStateOf } from "../fixtures/users";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The escalation panel's countdown shows m:ss once the clock has hydrated. */
async function countdownValue(page: Page) {
  const timer = page.getByRole("timer");
  await expect(timer).toHaveText(/^\d+:\d\d$/);
  return (await timer.textContent()) ?? "";
}

test.describe("incidents as sre with a second user watching", () => {
  test.use({ storageState: storageStateOf("sre") });

  test("declare a P1 on PostgreSQL, watch it escalate to the DBA, drive it to Resolved", async ({ page, browser }) => {
    test.setTimeout(90_000);
    // The browser's clock is ours: the countdown is checked by advancing it, never by waiting.
    await page.clock.install();
    const title = `Database connection errors ${randomUUID().slice(0, 8)}`;
    const titleRe = new RegExp(escape(title));

    // dba@ is signed in elsewhere, on the overview, and never reloads
    const dbaContext = await browser.newContext({ storageState: storageStateOf("dba") });
    const dba = await dbaContext.newPage();
    await dba.goto("/");
    await expect(dba.getByRole("heading", { name: /^Welcome,/ })).toBeVisible();

    // the shortcut opens the declare form from anywhere (the button is there too)
    await page.goto("/changes");
    await expect(page.getByRole("link", { name: "Declare incident" })).toBeVisible();
    await page.locator("body").press("Shift+D");
    await expect(page).toHaveURL(/\/incidents\/new$/);

    const form = page.getByRole("form", { name: "Declare incident" });
    // an empty submit is refused with field errors
    await form.getByRole("button", { name: "Declare incident" }).click();
    await expect(form.getByText("Choose at least one affected component")).toBeVisible();
    await form.getByLabel("INCIDENT", { exact: true }).fill(title);
    await form.getByRole("radio", { name: /^P1/ }).check();
    await form.getByLabel("IMPACT", { exact: true }).fill("Checkout fails for some customers");
    await form.getByRole("checkbox", { name: "PostgreSQL cluster" }).check();
    await form.getByLabel("CURRENT_ACTION", { exact: true }).fill("Checking connection pool saturation");
    // the commander defaults to the SRE on call now; name Sam explicitly so the reopen check below is deterministic
    await form.getByLabel("COMMANDER", { exact: true }).selectOption({ label: "Sam Reliability · SRE" });
    await form.getByRole("button", { name: "Declare incident" }).click();

    await expect(page).toHaveURL(/\/incidents\/[a-z0-9]+$/);
    await expect(page.getByRole("heading", { level: 1, name: titleRe })).toBeVisible();
    const fields = page.getByTestId("incident-fields");
    await expect(fields).toContainText("Investigating");
    await expect(page.getByTestId("incident-block")).toContainText(`INCIDENT: ${title}\nSEVERITY: P1\nSTATUS: Investigating`);
    await expect(page.getByRole("region", { name: "Affected components" })).toContainText("Major outage");

    // the banner reaches the other user without a reload
    const dbaBanner = dba.getByRole("region", { name: "Open P1 incidents" });
    await expect(dbaBanner.getByRole("link", { name: titleRe })).toBeVisible();

    // level 1 paged at once; the countdown to level 2 (15 min after declaration) ticks
    const panel = page.getByTestId("escalation-panel");
    await expect(page.getByTestId("escalation-level-1")).toContainText("Paged");
    const first = await countdownValue(page);
    await page.clock.runFor(5_000);
    await expect(page.getByRole("timer")).not.toHaveText(first);

    // 30 min after declaration (the tick driven at that instant): level 3 pages the database specialist, shown live
    const incidentId = /\/incidents\/([a-z0-9]+)$/.exec(page.url())?.[1] ?? "";
    const { declaredAt } = (await (await page.request.get(`/api/v1/incidents/${incidentId}`)).json()) as { declaredAt: string };
    expect(await escalateAt(incidentId, new Date(Date.parse(declaredAt) + 30 * 60_000))).toEqual([2, 3]);
    await expect(page.getByTestId("escalation-level-3")).toContainText("Dana Database");
    await expect(page.getByTestId("escalation-level-3")).toContainText("(DBA)");
    // a second tick at the same instant pages nobody again
    expect(await escalateAt(incidentId, new Date(Date.parse(declaredAt) + 30 * 60_000))).toEqual([]);

    // dba@ sees the page in their notifications and follows it to the incident
    await dba.goto("/notifications");
    await dba.getByRole("link", { name: new RegExp(`level 3 .*${escape(title)}`) }).click();
    await expect(dba.getByRole("heading", { level: 1, name: titleRe })).toBeVisible();
    await expect(dba.getByTestId("escalation-level-3")).toContainText("Dana Database");
    await dba.getByTestId("escalation-panel").getByRole("button", { name: "Acknowledge" }).click();
    await expect(dba.getByTestId("escalation-panel")).toContainText("Acknowledged by Dana Database");
    // the commander's page shows it without a reload
    await expect(panel).toContainText("Acknowledged by Dana Database");
    await expect(page.getByTestId("incident-mtta")).not.toHaveText("—");

    // dba@ watches the list; sre@ posts Identified (public) and Fixing (internal)
    await dba.goto(`/incidents?q=${encodeURIComponent(title)}`);
    const dbaRow = dba.getByRole("row", { name: titleRe });
    await expect(dbaRow).toContainText("Investigating");

    const update = page.getByRole("form", { name: "Post an update" });
    await update.getByLabel("STATUS", { exact: true }).selectOption("Identified");
    await update.getByLabel("Message", { exact: true }).fill("A runaway batch job exhausted the connection pool");
    await update.getByRole("checkbox", { name: /Public/ }).check();
    await update.getByRole("button", { name: "Post update" }).click();
    await expect(fields).toContainText("Identified");
    await expect(dbaRow).toContainText("Identified");

    await update.getByLabel("STATUS", { exact: true }).selectOption("Fixing");
    await update.getByLabel("CURRENT_ACTION (leave empty to keep)").fill("Killing the batch job and raising pool limits");
    await update.getByLabel("Message", { exact: true }).fill("Fix in progress");
    await update.getByRole("button", { name: "Post update" }).click();
    await expect(fields).toContainText("Fixing");
    await expect(fields).toContainText("Killing the batch job and raising pool limits");
    const timeline = page.getByRole("list", { name: "Timeline of updates" });
    // newest first: Fixing (internal), Identified (public), the acknowledgement (internal), the declaration
    await expect(timeline.getByRole("listitem")).toHaveCount(4);
    await expect(timeline.getByRole("listitem").nth(0)).toContainText("Internal");
    await expect(timeline.getByRole("listitem").nth(1)).toContainText("Public");
    await expect(timeline.getByRole("listitem").nth(2)).toContainText("Acknowledged by Dana Database");
    await expect(dbaRow).toContainText("Fixing");

    // Document & Close: without a note it is refused and nothing changes
    const close = page.getByRole("form", { name: "Document and close" });
    await close.getByRole("button", { name: "Document & Close" }).click();
    await expect(close.getByText("A resolution note is required")).toBeVisible();
    await expect(fields).toContainText("Fixing");

    await close.getByLabel("Resolution note").fill("Killed the batch job; pool limits raised; follow-up: query timeouts");
    await close.getByRole("button", { name: "Document & Close" }).click();
    await expect(fields).toContainText("Resolved");
    await expect(page.getByTestId("incident-mttr")).not.toHaveText("—");
    await expect(page.getByRole("region", { name: "Affected components" })).toContainText("Operational");
    await expect(page.getByRole("form", { name: "Reopen incident" })).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    // the banner and the list follow on the other user's screen
    await expect(dbaRow).toContainText("Resolved");
    await expect(dba.getByRole("region", { name: "Open P1 incidents" }).getByRole("link", { name: titleRe })).toHaveCount(0);
    await dbaContext.close();
  });
});

test.describe("incidents as viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("reads incidents but has no declare button, shortcut or forms", async ({ page }) => {
    await page.goto("/incidents");
    await expect(page.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Declare incident" })).toHaveCount(0);
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    await page.getByLabel("Search").fill("Elevated API error rate");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByRole("link", { name: /Elevated API error rate/ }).click();
    await expect(page.getByTestId("incident-fields")).toContainText("Resolved");
    await expect(page.getByRole("form", { name: "Post an update" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Reopen incident" })).toHaveCount(0);
  });

  test("opening /incidents/new gets the refusal page, and an unknown incident the not-found page", async ({ page }) => {
    await page.goto("/incidents/new");
    await expect(page.getByRole("heading", { level: 1, name: "Declare incident" })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "Your role (VIEWER) may follow incidents but not declare them." })).toBeVisible();
    await expect(page.getByRole("form", { name: "Declare incident" })).toHaveCount(0);
    const missing = await page.goto("/incidents/no-such-incident");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  });
});
