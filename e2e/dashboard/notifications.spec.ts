import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { storageStateOf } from "../fixtures/users";

test.describe("as architect", () => {
  test.use({ storageState: storageStateOf("architect") });

  test("adds a webhook endpoint, sees a failed test delivery, pauses and deletes it", async ({ page }) => {
    const name = `e2e hook ${randomUUID().slice(0, 8)}`;
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

    const form = page.getByRole("form", { name: "Add webhook endpoint" });
    // invalid scheme → field error, nothing created
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("URL").fill("ftp://example.test/hook");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.getByText("Enter an http:// or https:// URL")).toBeVisible();
    await expect(page.getByRole("cell", { name, exact: true })).toHaveCount(0);

    // fetch refuses port 9 ("bad port"), so the test delivery fails visibly and deterministically
    await form.getByLabel("URL").fill("http://127.0.0.1:9/opsgate-e2e");
    await form.getByLabel("Format").selectOption("generic");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.getByRole("status")).toHaveText("Endpoint added.");
    const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });
    await expect(row.getByText("Active")).toBeVisible();

    await row.getByRole("button", { name: `Send a test message to ${name}` }).click();
    await expect(row.getByRole("status")).toContainText("Not delivered: request failed");

    await page.goto("/settings/deliveries?status=pending");
    await expect(page.getByRole("heading", { name: "Deliveries", level: 1 })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: `OpsGate test message for "${name}"` }).first()).toContainText("request failed");

    await page.goto("/settings/webhooks");
    await row.getByRole("button", { name: `Pause ${name}` }).click();
    await expect(row.getByText("Paused")).toBeVisible();
    await row.getByRole("button", { name: `Delete ${name}` }).click();
    await expect(page.getByRole("cell", { name, exact: true })).toHaveCount(0);
  });

  test("opens the notifications page", async ({ page }) => {
    await page.goto("/notifications");
    await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  });
});

test.describe("as viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("is refused on the webhook and delivery admin pages (server-side)", async ({ page }) => {
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("alert").filter({ hasText: "Only an Infrastructure Architect may manage webhooks" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Add webhook endpoint" })).toHaveCount(0);
    await page.goto("/settings/deliveries");
    await expect(page.getByRole("alert").filter({ hasText: "Only an Infrastructure Architect may read outgoing deliveries" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  });

  test("reads own notifications", async ({ page }) => {
    await page.goto("/notifications");
    await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  });
});
