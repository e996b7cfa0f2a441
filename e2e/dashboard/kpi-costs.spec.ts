import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { storageStateOf } from "../fixtures/users";

// A month long past, so the demo data and other specs never hold a cost for it.
const PERIOD = "/kpis?period=custom&from=2020-03-01&to=2020-04-01";

test.describe("KPI cost entry as ARCHITECT", () => {
  test.use({ storageState: storageStateOf("architect") });

  test("records monthly costs with field errors, and the year-over-year figure shows them", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(PERIOD);
    const form = page.getByRole("form", { name: "Record a monthly cost" });
    await expect(form).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    // Bad input: each message under its field, what was typed kept, nothing saved.
    await form.getByLabel("Component group").selectOption("Network");
    await form.getByLabel("Month").fill("");
    await form.getByLabel("Amount").fill("lots");
    await form.getByLabel("Currency").fill("euro");
    await form.getByRole("button", { name: "Record cost" }).click();
    await expect(form.getByLabel("Amount")).toHaveAccessibleDescription("amount must be a number");
    await expect(form.getByLabel("Month")).toHaveAccessibleDescription(/YYYY-MM month must look like 2026-11/);
    await expect(form.getByLabel("Currency")).toHaveAccessibleDescription(/currency must be a three-letter code/);
    await expect(form.getByLabel("Amount")).toHaveValue("lots");

    for (const [month, amount] of [["2019-03", "1000"], ["2020-03", "850.00"]]) {
      // A fresh page each time, so the status below is this submission's, not the previous one's.
      await page.goto(PERIOD);
      await expect(form.getByRole("status")).toHaveCount(0);
      await form.getByLabel("Component group").selectOption("Network");
      await form.getByLabel("Month").fill(month);
      await form.getByLabel("Amount").fill(amount);
      await form.getByLabel("Currency").fill("EUR");
      await form.getByRole("button", { name: "Record cost" }).click();
      await expect(form.getByRole("status")).toHaveText("Cost recorded.");
    }

    await page.goto(PERIOD);
    const costs = page.getByRole("table", { name: "Cost by component group, year over year" });
    await expect(costs.getByRole("row", { name: /Network/ })).toContainText("850.00");
    await expect(costs.getByRole("row", { name: /Network/ })).toContainText("1000.00");
    await expect(costs.getByRole("row", { name: /Network/ })).toContainText("-15.0 %");
    await expect(page.locator('[data-kpi="cost_yoy"]')).toHaveText("-15.0 %");
  });
});

test.describe("KPI cost entry as VIEWER", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("a VIEWER sees the figures but no cost form", async ({ page }) => {
    await page.goto(PERIOD);
    await expect(page.getByRole("heading", { name: "KPIs", level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Cost by component group, year over year" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Record a monthly cost" })).toHaveCount(0);
  });
});
