import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { storageStateOf } from "../fixtures/users";

const unique = (label: string) => `${label} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

/** Every component name the API lists (walking all pages with the cursor). */
async function allNames(request: APIRequestContext) {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await request.get(`/api/v1/components?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(res.status()).toBe(200);
    const page = (await res.json()) as { data: { name: string }[]; nextCursor: string | null };
    names.push(...page.data.map((c) => c.name));
    cursor = page.nextCursor;
  } while (cursor);
  return names;
}

async function addComponent(page: Page, fields: { name: string; group: string; owner: string; description?: string }) {
  const form = page.getByRole("form", { name: "Add component" });
  await form.getByLabel("Name", { exact: true }).fill(fields.name);
  await form.getByLabel("Group", { exact: true }).fill(fields.group);
  await form.getByLabel("Owner role", { exact: true }).selectOption(fields.owner);
  if (fields.description) await form.getByLabel("Description", { exact: true }).fill(fields.description);
  await form.getByRole("button", { name: "Add component" }).click();
  return form;
}

test.describe("as ARCHITECT", () => {
  test.use({ storageState: storageStateOf("architect") });

  test("creates a component via the UI and it is listed under its group with a derived status", async ({ page }) => {
    const name = unique("Edge firewall");
    const group = unique("Perimeter");
    await page.goto("/components");
    await expect(page.getByRole("heading", { name: "Components", level: 1 })).toBeVisible();
    const form = await addComponent(page, { name, group, owner: "NETWORK", description: "Created by e2e" });
    await expect(form.getByRole("status")).toHaveText("Component added.");
    const section = page.getByRole("region", { name: group });
    const row = section.getByRole("listitem", { name });
    await expect(row).toBeVisible();
    await expect(row.getByTestId("component-status")).toHaveText("Operational");
    await expect(row).toContainText("NETWORK");
    // Reload: it is stored, not just rendered.
    await page.reload();
    await expect(page.getByRole("region", { name: group }).getByRole("listitem", { name })).toBeVisible();
  });

  test("a refused submit shows the error under the field and keeps what was typed", async ({ page }) => {
    await page.goto("/components");
    const form = await addComponent(page, { name: "DNS", group: "Network typed", owner: "DBA", description: "kept on failure" });
    await expect(form.getByText("A component with this name already exists").first()).toBeVisible();
    await expect(form.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("Name", { exact: true })).toHaveValue("DNS");
    await expect(form.getByLabel("Group", { exact: true })).toHaveValue("Network typed");
    await expect(form.getByLabel("Owner role", { exact: true })).toHaveValue("DBA");
    await expect(form.getByLabel("Description", { exact: true })).toHaveValue("kept on failure");

    await form.getByLabel("Name", { exact: true }).fill("");
    await form.getByRole("button", { name: "Add component" }).click();
    await expect(form.getByText("Name is required")).toBeVisible();
    await expect(form.getByLabel("Group", { exact: true })).toHaveValue("Network typed");
  });

  test("edits a component", async ({ page }) => {
    const name = unique("Queue broker");
    const group = unique("Messaging");
    await page.goto("/components");
    await addComponent(page, { name, group, owner: "SRE" });
    const row = page.getByRole("region", { name: group }).getByRole("listitem", { name });
    await row.getByText(`Edit ${name}`).click();
    const edit = row.getByRole("form", { name: `Edit ${name}` });
    await edit.getByLabel("Owner role", { exact: true }).selectOption("DBA");
    await edit.getByLabel("Description", { exact: true }).fill("Now owned by the DBAs");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit.getByRole("status")).toHaveText("Saved.");
    await page.reload();
    const after = page.getByRole("region", { name: group }).getByRole("listitem", { name });
    await expect(after).toContainText("DBA");
    await expect(after).toContainText("Now owned by the DBAs");
  });
});

test.describe("as VIEWER", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("sees the components and their status but no edit controls", async ({ page }) => {
    await page.goto("/components");
    await expect(page.getByRole("region", { name: "Network", exact: true }).getByRole("listitem", { name: "DNS", exact: true })).toBeVisible();
    await expect(page.getByTestId("component-status").first()).toBeVisible();
    await expect(page.getByRole("form")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /add component|save changes/i })).toHaveCount(0);
    await expect(page.getByText(/^Edit /)).toHaveCount(0);
  });

  test("a direct POST with the viewer's session cookie is refused with 403 and changes nothing", async ({ page }) => {
    const request = page.request; // carries the viewer's session cookie
    const before = await allNames(request);
    const name = unique("Sneaky");
    const res = await request.post("/api/v1/components", { data: { name, group: "Network", ownerRole: "NETWORK" } });
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
    const after = await allNames(request);
    expect(after).not.toContain(name);
    expect(after.filter((n) => !before.includes(n)).filter((n) => n.startsWith("Sneaky"))).toEqual([]);
    const patch = await request.patch(`/api/v1/components/does-not-matter`, { data: { group: "X" } });
    expect(patch.status()).toBe(403);
    await page.goto("/components");
    await expect(page.getByText(name)).toHaveCount(0);
  });
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("/status loads without signing in", async ({ page, request }) => {
    const res = await request.get("/status", { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    await page.goto("/status");
    await expect(page).not.toHaveURL(/\/login/);
  });

  test("the components API answers 401 JSON without a session", async ({ request }) => {
    const res = await request.get("/api/v1/components");
    expect(res.status()).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthenticated" } });
  });
});
