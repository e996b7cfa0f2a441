import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { storageStateOf } from "../fixtures/users";

/** A random far-future UTC day so parallel tests never share (or conflict on) a window by accident. */
function randomDay() {
  const d = new Date(Date.UTC(2032 + Math.floor(Math.random() * 20), Math.floor(Math.random() * 12), 1 + Math.floor(Math.random() * 27)));
  return d.toISOString().slice(0, 10);
}
const uid = () => Math.random().toString(36).slice(2, 8);

async function expectAccessible(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function componentId(request: APIRequestContext, name: string) {
  const res = await request.get("/api/v1/components?limit=100");
  expect(res.ok()).toBeTruthy();
  const { data } = (await res.json()) as { data: { id: string; name: string }[] };
  const found = data.find((c) => c.name === name);
  if (!found) throw new Error(`no component ${name}`);
  return found.id;
}

/** A fresh change to plan a window for, filed through the changes API (falls back to a seeded open change). */
async function changeFor(page: Page, lbId: string): Promise<{ id: string; description: string }> {
  const description = `Replace LB power supplies ${uid()}`;
  const res = await page.request.post("/api/v1/changes", {
    data: { type: "Modify", componentId: lbId, description, justification: "PSU end of life", timeline: "2032-01-01", impact: "None expected" },
  });
  if (res.status() === 201) return { id: ((await res.json()) as { id: string }).id, description };
  await page.goto("/maintenance/new");
  const seeded = page.getByRole("checkbox", { name: /Decommission bastion-02/ });
  return { id: (await seeded.getAttribute("value")) ?? "", description: "Decommission bastion-02" };
}

async function createWindow(request: APIRequestContext, body: Record<string, unknown>) {
  const res = await request.post("/api/v1/maintenance", { data: body });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; number: number; title: string };
}

test.describe("maintenance as an engineer", () => {
  // whole user journeys against a production server shared with other specs
  test.describe.configure({ timeout: 90_000 });
  test.use({ storageState: storageStateOf("sre") });

  test("creates a window from a change, sends the notification, and the detail shows it notified", async ({ page }) => {
    const lb = await componentId(page.request, "Load balancers");
    const change = await changeFor(page, lb);
    const day = randomDay();
    const title = `LB maintenance ${uid()}`;

    await page.goto(`/maintenance/new?changeId=${change.id}`);
    await expect(page.getByRole("heading", { name: "Schedule maintenance" })).toBeVisible();
    await expect(page.getByRole("checkbox", { name: new RegExp(change.description) })).toBeChecked();
    await expect(page.getByLabel("CONTACT")).not.toHaveValue("");
    // the change's own component is pre-selected as affected
    await expect(page.getByRole("group", { name: "Network" }).getByRole("checkbox", { name: "Load balancers", exact: true })).toBeChecked();

    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Start (UTC)").fill(`${day}T02:00`);
    await page.getByLabel("End (UTC)").fill(`${day}T01:00`);
    // the viewer's local time is shown beside the UTC input (timezone Europe/Berlin in e2e)
    await expect(page.getByTestId("windowStart-local")).toContainText(/Your time: .*(03|04):00/);
    await page.getByRole("group", { name: "Network" }).getByRole("checkbox", { name: "Load balancers", exact: true }).check();
    await page.getByLabel("TYPE").selectOption("Upgrade");
    await page.getByLabel("IMPACT").fill("Connections reset once per node");
    await page.getByRole("button", { name: "Schedule window" }).click();

    // refused: the error is under the End field and what was typed is kept
    await expect(page.getByText("The window must end after it starts")).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue(title);
    await expect(page.getByRole("group", { name: "Network" }).getByRole("checkbox", { name: "Load balancers", exact: true })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: new RegExp(change.description) })).toBeChecked();

    await page.getByLabel("End (UTC)").fill(`${day}T04:00`);
    await page.getByRole("button", { name: "Schedule window" }).click();
    await expect(page).toHaveURL(/\/maintenance\/[a-z0-9]+$/);
    await expect(page.getByRole("heading", { name: new RegExp(title) })).toBeVisible();
    const notice = page.getByLabel("Notification text");
    await expect(notice).toContainText("MAINTENANCE: Scheduled");
    await expect(notice).toContainText(`WINDOW: ${day} 02:00 – 04:00 UTC`);
    await expect(notice).toContainText("AFFECTED: Load balancers");
    await expect(notice).toContainText("ROLLBACK: Available");
    await expect(page.getByRole("link", { name: /^CR-\d+$/ })).toBeVisible();
    await expect(page.getByText("Not notified")).toBeVisible();

    await page.getByRole("button", { name: "Send notification" }).click();
    await expect(page.getByTestId("notified-at")).toContainText("Notified");
    await expect(page.getByRole("listitem").filter({ hasText: "Sent the notification (Scheduled)" })).toBeVisible();
    await expect(page.getByText("Notified", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send notification" })).toHaveCount(0);

    // editing what the notice says offers a rescheduled notification
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("End (UTC)").fill(`${day}T05:00`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Edited since notified")).toBeVisible();
    await expect(page.getByLabel("Notification text")).toContainText("MAINTENANCE: Rescheduled");
    await page.getByRole("button", { name: "Send rescheduled notification" }).click();
    await expect(page.getByTestId("notified-at")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Sent the notification (Rescheduled)" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Send .*notification/ })).toHaveCount(0);
  });

  test("overlapping windows on a shared component are flagged on both windows, the list and the calendar", async ({ page }) => {
    const dns = await componentId(page.request, "DNS");
    const day = randomDay();
    const base = { componentIds: [dns], type: "Patching", impact: "Resolver restarts", rollback: "Available", contact: "Network on-call" };
    const a = await createWindow(page.request, { ...base, title: `DNS patch A ${uid()}`, windowStart: `${day}T01:00:00Z`, windowEnd: `${day}T03:00:00Z` });
    const b = await createWindow(page.request, { ...base, title: `DNS patch B ${uid()}`, windowStart: `${day}T02:00:00Z`, windowEnd: `${day}T04:00:00Z` });

    for (const [self, other] of [
      [a, b],
      [b, a],
    ]) {
      await page.goto(`/maintenance/${self.id}`);
      const alert = page.getByRole("alert").filter({ hasText: "Conflicting maintenance" });
      await expect(alert).toBeVisible();
      await expect(alert.getByRole("link", { name: `MW-${other.number} ${other.title}` })).toBeVisible();
    }
    await expectAccessible(page);

    await page.goto("/maintenance");
    const row = page.getByTestId("maintenance-row").filter({ has: page.getByRole("link", { name: `MW-${a.number} ${a.title}` }) });
    await expect(row.getByText("Conflict", { exact: true })).toBeVisible();
    await expectAccessible(page);

    await page.goto(`/calendar?view=week&date=${day}`);
    for (const w of [a, b]) {
      const item = page.getByTestId("calendar-item").filter({ hasText: w.title });
      await expect(item).toHaveAttribute("data-overlap", "true");
      await expect(item).toContainText("Overlaps other work");
    }
    await expectAccessible(page);
    await page.getByRole("link", { name: "Month" }).click();
    await expect(page.getByTestId("calendar-item").filter({ hasText: a.title })).toHaveAttribute("data-overlap", "true");
    // audit a fresh load: a hovered button mid colour-transition is not what a reader sees
    await page.goto(`/calendar?view=month&date=${day}`);
    await expect(page.getByTestId("calendar-item").filter({ hasText: a.title })).toBeVisible();
    await expectAccessible(page);

    await page.goto("/maintenance/new");
    await expectAccessible(page);
  });
});

test.describe("maintenance as a viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("sees windows but no create, edit or notify controls", async ({ page }) => {
    await page.goto("/maintenance");
    await expect(page.getByRole("heading", { name: "Maintenance", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Schedule maintenance" })).toHaveCount(0);

    // the seeded, not yet ended window (and any others) can be read
    await page.getByTestId("maintenance-row").first().getByRole("link").first().click();
    await expect(page.getByLabel("Notification text")).toContainText("MAINTENANCE:");
    await expect(page.getByRole("button", { name: /Send .*notification/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);

    await page.goto("/maintenance/new");
    await expect(page.getByRole("alert").filter({ hasText: "may read maintenance windows but not schedule them" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Schedule window" })).toHaveCount(0);

    const res = await page.request.post("/api/v1/maintenance", { data: { title: "Viewer attempt" } });
    expect(res.status()).toBe(403);
  });
});
