import { expect, test } from "@playwright/test";
import { emailOf, ROLES, SIGN_OUT_USERS, signIn, storageStateOf } from "../fixtures/users";

for (const role of ROLES) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStateOf(role) });
    test("sees the shell with navigation, name and role", async ({ page }) => {
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Main" }).first();
      for (const label of ["Changes", "Incidents", "Maintenance", "On-call", "Status page", "Settings"]) {
        await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
      }
      await expect(page.getByTestId("user-role").first()).toContainText(role.toUpperCase());
    });
  });
}

test.describe("signed out", () => {
  test("a wrong password shows an error and stays on the login page", async ({ page }) => {
    await signIn(page, emailOf("sre"), "not-the-password");
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("the dashboard redirects to the login page", async ({ page }) => {
    await page.goto("/changes");
    await expect(page).toHaveURL(/\/login/);
  });

  test("sign out ends the session", async ({ page }) => {
    await signIn(page, SIGN_OUT_USERS.shell);
    await expect(page.getByRole("heading", { name: /^Welcome,/ })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/changes");
    await expect(page).toHaveURL(/\/login/);
  });

  test("the bare site sends a signed-out visitor to the public status page", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/status$/);
  });
});
