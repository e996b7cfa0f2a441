import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { storageStateOf } from "../fixtures/users";

test.describe("KPIs as VIEWER", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("the KPI page: scorecard against targets, weekly charts, periods, CSV downloads, no axe violations", async ({ page }) => {
    test.setTimeout(90_000); // the page renders three years of history on a shared 2-core machine
    const filters = page.getByRole("search", { name: "KPI period and filters" });
    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "KPIs" }).first().click();
    await expect(page.getByRole("heading", { name: "KPIs", level: 1 })).toBeVisible();
    const scorecard = page.getByRole("region", { name: "Scorecard" });
    for (const label of ["Availability", "Mean time to acknowledge", "Mean time to recovery", "Change success rate", "Incident detection time", "Components managed as code", "Changes filed by pipelines", "Cost change year over year"]) {
      await expect(scorecard.getByText(label, { exact: true })).toBeVisible();
    }
    await expect(scorecard.getByText("target >= 99.9 %")).toBeVisible();
    await expect(scorecard.getByText(/on target|off target|no data/).first()).toBeVisible();
    // recharts drew the weekly series with the target line
    const chart = page.getByRole("figure", { name: /Availability, weekly, target 99.9/ });
    await expect(chart.locator("svg.recharts-surface")).toBeVisible();
    await expect(chart.getByText("target 99.9 %")).toBeVisible();

    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    await filters.getByLabel("Period").selectOption("7d");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/period=7d/);
    await expect(page.getByRole("heading", { name: "KPIs", level: 1 })).toBeVisible();

    const href = await page.getByRole("link", { name: "Download CSV of Availability by component" }).getAttribute("href");
    expect(href).toContain("table=availability");
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
    expect((await csv.text()).split("\r\n")[0]).toBe("component_id,component,group,availability_percent,downtime_minutes,maintenance_minutes,observed_minutes,error_budget_left_minutes,error_budget_left_percent,incidents");

    // A custom period with its end before its start is refused with the field named.
    await filters.getByLabel("Period").selectOption("custom");
    await filters.getByLabel("From (custom)").fill("2026-06-10");
    await filters.getByLabel("To (custom)").fill("2026-06-01");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "to: to must be after from" })).toBeVisible();
  });
});
