import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "../fixtures/users";

/*
 * Issue 11, hole 13: every text field of every form shows its maximum. Each
 * form page is visited as ARCHITECT (who sees every form); every text-like
 * input and textarea in the DOM (visible or folded away in a <details>) must
 * carry a maxLength > 0. The value comes from the schema's LIMITS constant
 * (lib/form-limits.test.ts pins those to what the server enforces).
 */

const TEXT_FIELDS = ["input:not([type])", ...["text", "email", "url", "search", "password", "tel"].map((t) => `input[type=${t}]`), "textarea"]
  .map((s) => `${s}:not([readonly]):not([disabled])`)
  .join(", ");

type Field = { name: string; id: string; maxLength: number };
const fieldsOf = (page: Page) =>
  page.locator(TEXT_FIELDS).evaluateAll((els) => els.map((el) => ({ name: el.getAttribute("name") ?? "", id: el.id, maxLength: (el as HTMLInputElement | HTMLTextAreaElement).maxLength })));

async function expectAllBounded(page: Page, path: string, minFields = 1) {
  await page.goto(path);
  await expect(page.locator("main, body").first()).toBeVisible();
  const fields: Field[] = await fieldsOf(page);
  expect(fields.length, `${path}: text fields found`).toBeGreaterThanOrEqual(minFields);
  const unbounded = fields.filter((f) => !(f.maxLength > 0)).map((f) => f.name || f.id);
  expect(unbounded, `${path}: text fields without maxLength`).toEqual([]);
}

/** The first link on a list page to a detail page (/base/<id>), or null. */
async function firstDetail(page: Page, list: string, base = list === "/oncall" ? "/oncall/rotations" : list) {
  await page.goto(list);
  const hrefs = await page.locator(`a[href^="${base}/"]`).evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => new RegExp(`^${base}/(?!new$)[^/?#]+$`).test(h)) ?? null;
}

test.describe("every form text field has a maximum", () => {
  test.use({ storageState: storageStateOf("architect") });

  test("dashboard forms", async ({ page }) => {
    test.setTimeout(180_000); // ~20 full page loads on a busy 2-core machine
    const pages: [string, number][] = [
      ["/changes", 1],
      ["/changes/new", 6],
      ["/changes/templates", 0],
      ["/incidents", 1],
      ["/incidents/new", 3],
      ["/components", 0],
      ["/maintenance/new", 3],
      ["/oncall", 0],
      ["/oncall/rotations/new", 1],
      ["/settings", 3],
      ["/settings/users", 2],
      ["/settings/webhooks", 2],
      ["/settings/integrations", 2],
      ["/settings/deliveries", 0],
      ["/notifications", 0],
      ["/kpis", 0],
      ["/calendar", 0],
    ];
    for (const [path, min] of pages) await expectAllBounded(page, path, min);
  });

  test("detail and edit pages of a change, an incident, a window and a rotation", async ({ page }) => {
    test.setTimeout(180_000);
    const comps = (await (await page.request.get("/api/v2/components.json")).json()) as { components: { id: string; name: string; group: boolean }[] };
    const comp = comps.components.find((c) => !c.group && c.name === "Customer portal");
    // a submitted change: the architect sees the decision form (comment, override reason) and the readiness evidence
    const change = await page.request.post("/api/v1/changes", {
      data: { type: "Modify", componentId: comp?.id, description: `form limits ${Date.now()}`, justification: "e2e", timeline: "2032-01-01", impact: "none", submit: true },
    });
    expect(change.status()).toBe(201);
    const changeId = ((await change.json()) as { id: string }).id;
    await expectAllBounded(page, `/changes/${changeId}`, 1);
    await expectAllBounded(page, `/changes/${changeId}/edit`, 6);

    const incident = await page.request.post("/api/v1/incidents", {
      data: { title: `form limits ${Date.now()}`, severity: "P4", impact: "none", componentIds: [comp?.id], currentAction: "testing", public: false },
    });
    expect(incident.status()).toBe(201);
    const incidentId = ((await incident.json()) as { id: string }).id;
    await expectAllBounded(page, `/incidents/${incidentId}`, 3);
    const inc = (await (await page.request.get(`/api/v1/incidents/${incidentId}`)).json()) as { version: number };
    await page.request.post(`/api/v1/incidents/${incidentId}/resolve`, { data: { resolution: "test done", version: inc.version } });
    await expectAllBounded(page, `/incidents/${incidentId}`, 1); // the reopen form

    // the seeded maintenance window and rotation
    const window = await firstDetail(page, "/maintenance");
    expect(window, "a maintenance window on /maintenance").not.toBeNull();
    await expectAllBounded(page, window!, 0);
    await expectAllBounded(page, `${window}/edit`, 3);
    const rotation = await firstDetail(page, "/oncall");
    expect(rotation, "a rotation linked from /oncall").not.toBeNull();
    await expectAllBounded(page, rotation!, 1);
  });
});

test.describe("signed-out forms", () => {
  test("sign-in, set-password and the status page subscription", async ({ page, browser }) => {
    const architect = await browser.newContext({ storageState: storageStateOf("architect") });
    const invited = await architect.request.post("/api/v1/users", { data: { email: `limits-${Date.now()}@example.com`, name: "Form limits", role: "VIEWER" } });
    expect(invited.status()).toBe(201);
    const link = ((await invited.json()) as { invitation: { link?: string } }).invitation.link;
    await architect.close();
    await expectAllBounded(page, "/login", 2);
    await expectAllBounded(page, "/status", 1); // the webhook field; the email one only when a mail server is configured
    expect(link, "the e2e server has no SMTP: the invitation link is in the answer").toBeTruthy();
    await expectAllBounded(page, new URL(link!).pathname, 2);
  });
});

test.describe("long words wrap (issue 11, hole 13)", () => {
  test.use({ storageState: storageStateOf("architect") });

  test("a change with one long word keeps its page and the change list as wide as the window", async ({ page }) => {
    test.setTimeout(120_000);
    const word = `L${Date.now()}${"q".repeat(400)}`;
    const comps = (await (await page.request.get("/api/v2/components.json")).json()) as { components: { id: string; name: string; group: boolean }[] };
    const comp = comps.components.find((c) => !c.group && c.name === "Customer portal");
    const change = await page.request.post("/api/v1/changes", {
      data: { type: "Modify", componentId: comp?.id, description: word, justification: word, timeline: "2032-01-01", impact: word, monitoring: word },
    });
    expect(change.status()).toBe(201);
    const changeId = ((await change.json()) as { id: string }).id;
    const widthOk = async () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    for (const path of [`/changes/${changeId}`, "/changes"]) {
      await page.goto(path);
      await expect(page.getByText(word.slice(0, 20)).first()).toBeVisible();
      expect(await widthOk(), path).toBe(true);
    }
  });
});
