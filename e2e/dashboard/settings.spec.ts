import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { storageStateOf } from "../fixtures/users";

test.describe("as SRE", () => {
  test.use({ storageState: storageStateOf("sre") });

  test("shows the profile; a new API token is shown once, works as a Bearer token, and stops working when revoked", async ({ page, playwright, baseURL }) => {
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    const profile = page.getByRole("region", { name: "Profile" });
    await expect(profile.getByText("sre@opsgate.local")).toBeVisible();
    await expect(profile.getByText(/^SRE · Site Reliability Engineer/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Deliveries" })).toHaveCount(0);

    const name = `pipeline ${Date.now().toString(36)}`;
    const form = page.getByRole("form", { name: "Create API token" });
    await form.getByLabel("Token name").fill(name);
    await form.getByRole("button", { name: "Create token" }).click();
    const secret = (await page.getByTestId("new-token-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^ogt_/);
    await expect(page.getByRole("button", { name: "Copy token" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(secret.slice(0, 8));
    await expect(row).toContainText("Active");

    // The token authenticates a plain HTTP client (no cookies).
    const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const ok = await api.get("/api/v1/components?limit=1", { headers: { authorization: `Bearer ${secret}` } });
    expect(ok.status()).toBe(200);

    // Shown once: a reload no longer has the secret.
    await page.reload();
    await expect(page.getByTestId("new-token-secret")).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: `Revoke token ${name}` }).click();
    await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Revoked");
    const refused = await api.get("/api/v1/components?limit=1", { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status()).toBe(401);
    await api.dispose();
  });

  test("an empty token name shows an error under the field", async ({ page }) => {
    await page.goto("/settings");
    const form = page.getByRole("form", { name: "Create API token" });
    await form.getByRole("button", { name: "Create token" }).click();
    await expect(form.getByText("Give the token a name")).toBeVisible();
    await expect(form.getByLabel("Token name")).toHaveAttribute("aria-invalid", "true");
  });
});

test.describe("as ARCHITECT", () => {
  test.use({ storageState: storageStateOf("architect") });

  test("sees the links to webhooks and deliveries", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByRole("link", { name: "Webhooks" })).toHaveAttribute("href", "/settings/webhooks");
    await expect(page.getByRole("link", { name: "Deliveries" })).toHaveAttribute("href", "/settings/deliveries");
  });

  test("the settings and components pages have no detectable accessibility violations", async ({ page }) => {
    for (const path of ["/settings", "/components"]) {
      await page.goto(path);
      const { violations } = await new AxeBuilder({ page }).include("main").withTags(["wcag2a", "wcag2aa"]).analyze();
      expect(violations.map((v) => `${path}: ${v.id} ${v.help}`)).toEqual([]);
    }
  });
});
