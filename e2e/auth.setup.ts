import { expect, test as setup } from "@playwright/test";
import { emailOf, ROLES, signIn, storageStateOf } from "./fixtures/users";

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, emailOf(role));
    await expect(page.getByRole("heading", { name: /^Welcome,/ })).toBeVisible();
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
