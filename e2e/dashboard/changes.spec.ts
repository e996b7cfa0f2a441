import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "../fixtures/users";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function fileChange(page: Page, description: string, intent: "Submit" | "Save as Draft") {
  await page.goto("/changes/new");
  await page.getByLabel("TYPE").selectOption("Modify");
  await page.getByLabel("COMPONENT").selectOption({ label: "Load balancers" });
  await page.getByLabel("DESCRIPTION").fill(description);
  await page.getByLabel("JUSTIFICATION").fill("Vendor security advisory");
  await page.getByLabel("TIMELINE").fill("2026-12-01");
  await page.getByLabel("IMPACT").fill("Brief connection resets during failover");
  await page.getByLabel("Risk level").selectOption("Medium");
  await page.getByLabel("Risk assessment").fill("Tested in staging; one node at a time");
  await page.getByLabel("Rollback plan").fill("Reinstall the previous firmware image");
  await page.getByLabel("Monitoring").fill("https://grafana.local/d/lb");
  await page.getByRole("button", { name: intent }).click();
  await expect(page).toHaveURL(/\/changes\/c[a-z0-9]+$/);
}

test.describe("changes as automation@", () => {
  test.use({ storageState: storageStateOf("automation") });

  test("the form shows field errors from the shared schema and keeps typed values", async ({ page }) => {
    await page.goto("/changes/new");
    await page.getByLabel("DESCRIPTION").fill("Half-filled request");
    await page.getByRole("button", { name: "Submit" }).click();
    await expect(page.getByText("JUSTIFICATION is required")).toBeVisible();
    await expect(page.getByText("Choose a component")).toBeVisible();
    await expect(page.getByLabel("DESCRIPTION")).toHaveValue("Half-filled request");
  });

  test("files a Network change, sees what the gate still needs, and cannot approve it", async ({ page }) => {
    const description = `Upgrade LB firmware ${unique()}`;
    await fileChange(page, description, "Submit");
    await expect(page.getByRole("heading", { name: new RegExp(description) })).toBeVisible();
    await expect(page.getByTestId("change-block")).toContainText("REQUEST: Infrastructure Change\nTYPE: Modify\nCOMPONENT: Load balancers");
    await expect(page.getByTestId("change-block")).toContainText("REQUESTER: Otto Automation");
    await expect(page.getByTestId("gate-windowScheduled")).toHaveAttribute("data-done", "false");
    await expect(page.getByTestId("gate-windowScheduled")).toContainText("Missing");
    await expect(page.getByTestId("gate-stakeholdersNotified")).toHaveAttribute("data-done", "false");
    await expect(page.getByTestId("gate-rollbackPlan")).toHaveAttribute("data-done", "true");
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Schedule a maintenance window" })).toHaveAttribute("href", /\/maintenance\/new\?changeId=c/);

    // The server enforces it too, whatever the UI shows.
    const id = page.url().split("/").pop()!;
    const { version } = (await (await page.request.get(`/api/v1/changes/${id}`)).json()) as { version: number };
    const res = await page.request.post(`/api/v1/changes/${id}/approvals`, { data: { decision: "approve", version } });
    expect(res.status()).toBe(403);

    await page.goto(`/changes?q=${encodeURIComponent(description)}`);
    await expect(page.getByRole("link", { name: new RegExp(description) })).toBeVisible();
  });
});

test.describe("changes as network@", () => {
  test.use({ storageState: storageStateOf("network") });

  test("sees the change under 'needs my approval'; approving is refused until the gate holds", async ({ page, browser }) => {
    const description = `Replace LB pool ${unique()}`;
    const automation = await browser.newContext({ storageState: storageStateOf("automation") });
    const filer = await automation.newPage();
    await fileChange(filer, description, "Submit");
    const url = filer.url();
    await automation.close();

    await page.goto("/changes?needsMyApproval=true");
    await page.getByRole("link", { name: new RegExp(description) }).click();
    await expect(page).toHaveURL(url);
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Change Approval checklist does not hold" })).toBeVisible();
    await expect(page.getByText(/Maintenance window scheduled: No maintenance window/)).toBeVisible();
    await expect(page.getByText("Submitted", { exact: true }).first()).toBeVisible();
  });
});

test.describe("new change as viewer@", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("a viewer is told before the form, and sees no form to fill in", async ({ page }) => {
    await page.goto("/changes/new");
    await expect(page.getByRole("alert").filter({ hasText: "Your role (VIEWER) may not file change requests" })).toBeVisible();
    await expect(page.getByLabel("DESCRIPTION")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Submit" })).toHaveCount(0);
  });
});

test.describe("sign-in form", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("empty fields are named under each field, not answered with 'Wrong email or password'", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("Enter your email address")).toBeVisible();
    await expect(page.getByText("Enter your password")).toBeVisible();
    await expect(page.getByText("Wrong email or password.")).toHaveCount(0);
  });
});
