import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageStateOf, type DemoRole } from "../fixtures/users";

/**
 * Issue 4's journey, tried as a new user would: file a change, see what the
 * Change Approval gate still needs, schedule and notify a window from the
 * change, get it approved (twice when structural), and complete a TYPE New
 * change only once Production Readiness is ticked with evidence.
 */
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A random far-future UTC day, so parallel runs never share a window by accident. */
function randomDay() {
  const d = new Date(Date.UTC(2040 + Math.floor(Math.random() * 30), Math.floor(Math.random() * 12), 1 + Math.floor(Math.random() * 27)));
  return d.toISOString().slice(0, 10);
}

async function expectAccessible(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

type Filing = { description: string; type?: "New" | "Modify" | "Remove"; structural?: boolean; intent?: "Submit" | "Save as Draft" };

/** From the changes list: "New change", fill the template for Core network, Submit (or save a draft). Returns the change's URL. */
async function fileChange(page: Page, { description, type = "Modify", structural = false, intent = "Submit" }: Filing) {
  await page.goto("/changes");
  await page.getByRole("link", { name: "New change" }).click();
  await expect(page.getByRole("heading", { name: "New change request" })).toBeVisible();
  await page.getByLabel("TYPE").selectOption(type);
  await page.getByLabel("COMPONENT").selectOption({ label: "Core network" });
  await page.getByLabel("DESCRIPTION").fill(description);
  await page.getByLabel("JUSTIFICATION").fill("Core switch OS is out of vendor support");
  await page.getByLabel("TIMELINE").fill("2026-12-01");
  await page.getByLabel("IMPACT").fill("Short routing reconvergence per switch");
  await page.getByLabel("Risk level").selectOption("Medium");
  await page.getByLabel("Risk assessment").fill("Staged in the lab; one switch of each pair at a time");
  await page.getByLabel("Rollback plan").fill("Boot the previous OS image from the backup partition");
  await page.getByLabel("Monitoring").fill("https://grafana.opsgate.local/d/core-network");
  if (structural) await page.getByLabel(/^Structural/).check();
  await page.getByRole("button", { name: intent, exact: true }).click();
  await expect(page).toHaveURL(/\/changes\/c[a-z0-9]+$/);
  await expect(page.getByRole("heading", { name: new RegExp(description) })).toBeVisible();
  await expect(page.getByText(`Status: ${intent === "Submit" ? "Submitted" : "Draft"}`, { exact: true })).toBeVisible();
  return page.url();
}

const approvalItem = (page: Page, label: string) => page.getByRole("region", { name: "Change Approval checklist" }).getByRole("listitem").filter({ hasText: label });

/**
 * On a change page: "Schedule a maintenance window", fill the window for Core
 * network, send its notification, and follow the link back to the change.
 */
async function scheduleAndNotify(page: Page, description: string, via: "header" | "checklist" = "header") {
  const changeUrl = page.url();
  const day = randomDay();
  if (via === "header") await page.getByRole("link", { name: "Schedule a maintenance window" }).click();
  else await approvalItem(page, "Maintenance window scheduled").getByRole("link", { name: "Schedule a window for this change" }).click();
  await expect(page).toHaveURL(/\/maintenance\/new\?changeId=c/);
  await expect(page.getByRole("checkbox", { name: new RegExp(description) })).toBeChecked();
  await expect(page.getByLabel("Title")).toHaveValue(description);
  await page.getByLabel("Start (UTC)").fill(`${day}T02:00`);
  await page.getByLabel("End (UTC)").fill(`${day}T04:00`);
  await page.getByRole("group", { name: "Network" }).getByRole("checkbox", { name: "Core network", exact: true }).check();
  await page.getByLabel("TYPE").selectOption("Upgrade");
  await page.getByLabel("IMPACT").fill("Routing reconverges once per switch");
  await page.getByRole("button", { name: "Schedule window" }).click();
  await expect(page).toHaveURL(/\/maintenance\/[a-z0-9]+$/);
  const heading = page.getByRole("heading", { level: 1, name: new RegExp(`^MW-\\d+ `) });
  await expect(heading).toContainText(description);
  const mw = Number(/^MW-(\d+)/.exec((await heading.textContent()) ?? "")?.[1]);
  expect(mw).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Send notification" }).click();
  await expect(page.getByTestId("notified-at")).toContainText("Notified");

  // back to the change through the window's "Linked change requests"
  await page.getByRole("complementary").getByRole("link", { name: /^CR-\d+$/ }).click();
  await expect(page).toHaveURL(changeUrl);
  return { mw, day };
}

async function asRole(browser: Browser, role: DemoRole, url: string) {
  const context = await browser.newContext({ storageState: storageStateOf(role) });
  const page = await context.newPage();
  await page.goto(url);
  return { page, close: () => context.close() };
}

async function approve(page: Page) {
  await page.getByRole("form", { name: "Decide on this change" }).getByRole("button", { name: "Approve" }).click();
}

test.describe("a change from filing to approval", () => {
  // whole user journeys against a production server shared with other specs
  test.describe.configure({ timeout: 120_000 });
  test.use({ storageState: storageStateOf("automation") });

  test("automation@ files a Network change and cannot approve it; a notified window satisfies the gate; network@ approves in one click", async ({ page, browser }) => {
    const description = `Upgrade core switch OS ${unique()}`;
    const url = await fileChange(page, { description });
    const id = url.split("/").pop()!;
    await expect(page.getByTestId("change-block")).toContainText("TYPE: Modify\nCOMPONENT: Core network");
    await expect(page.getByTestId("change-block")).toContainText("REQUESTER: Otto Automation");

    // the requester gets no approve control, and is told why …
    await expect(page.getByText("You filed this change, so someone else approves it.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Decide on this change" })).toHaveCount(0);
    // … and the server refuses the request whatever the UI shows; nothing changes
    const before = (await (await page.request.get(`/api/v1/changes/${id}`)).json()) as { version: number; status: string; approvals: unknown[] };
    const refused = await page.request.post(`/api/v1/changes/${id}/approvals`, { data: { decision: "approve", version: before.version } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const after = (await (await page.request.get(`/api/v1/changes/${id}`)).json()) as typeof before;
    expect({ version: after.version, status: after.status, approvals: after.approvals }).toEqual({ version: before.version, status: "Submitted", approvals: [] });
    await page.reload();
    await expect(page.getByRole("list", { name: "History" })).not.toContainText("change.approved");

    // the missing gate items say what they need
    await expect(page.getByRole("region", { name: "Change Approval checklist" }).getByText("2 missing")).toBeVisible();
    await expect(approvalItem(page, "Maintenance window scheduled")).toContainText("Missing");
    await expect(approvalItem(page, "Maintenance window scheduled")).toContainText("No maintenance window is linked to this change");
    await expect(approvalItem(page, "Stakeholders notified")).toContainText("Missing");
    await expect(approvalItem(page, "Rollback plan defined")).toContainText("Done");
    await expectAccessible(page);

    // the missing item itself offers the way to satisfy it
    const { mw, day } = await scheduleAndNotify(page, description, "checklist");

    // both items are done and say where that comes from
    await expect(approvalItem(page, "Maintenance window scheduled")).toContainText("Done");
    await expect(approvalItem(page, "Maintenance window scheduled")).toContainText(`MW-${mw}, ${day} 02:00–04:00 UTC`);
    await expect(approvalItem(page, "Stakeholders notified")).toContainText("Done");
    await expect(approvalItem(page, "Stakeholders notified")).toContainText(new RegExp(`MW-${mw} notified \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC`));
    await expect(page.getByRole("region", { name: "Change Approval checklist" }).getByText("complete", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: new RegExp(`^MW-${mw} `) })).toBeVisible();

    // network@ (owner role of Core network) approves in one click
    const network = await asRole(browser, "network", url);
    await approve(network.page);
    await expect(network.page.getByText("Status: Approved", { exact: true })).toBeVisible();
    await expect(network.page.getByRole("list", { name: "Decisions" })).toContainText("Approved by Nia Network (NETWORK)");
    await network.close();

    await page.reload();
    await expect(page.getByText("Status: Approved", { exact: true })).toBeVisible();
  });

  test("a structural change approved by network@ stays Submitted until architect@ approves too", async ({ page, browser }) => {
    const description = `Re-architect core routing ${unique()}`;
    const url = await fileChange(page, { description, structural: true });
    await expect(page.getByText("structural", { exact: true })).toBeVisible();
    await expect(page.getByText(/Two approvals by two people: .*one ARCHITECT \(structural\)/)).toBeVisible();

    // before the gate holds, the approver is warned what is missing (the server refuses anyway)
    const network = await asRole(browser, "network", url);
    await expect(network.page.getByRole("form", { name: "Decide on this change" })).toContainText(
      "Approving is refused until the Change Approval checklist is complete. Still missing: Maintenance window scheduled, Stakeholders notified.",
    );
    await expectAccessible(network.page);

    await scheduleAndNotify(page, description);
    await expect(page.getByRole("region", { name: "Change Approval checklist" }).getByText("complete", { exact: true })).toBeVisible();

    await network.page.reload();
    await expect(network.page.getByText("Approving is refused until")).toHaveCount(0);
    await approve(network.page);
    await expect(network.page.getByRole("list", { name: "Decisions" })).toContainText("Approved by Nia Network (NETWORK)");
    await expect(network.page.getByText("Status: Submitted", { exact: true })).toBeVisible();
    await expect(network.page.getByText("Still needed: an ARCHITECT approval.")).toBeVisible();
    // one person, one decision
    await expect(network.page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await network.close();

    const architect = await asRole(browser, "architect", url);
    await expect(architect.page.getByText("Still needed: an ARCHITECT approval.")).toBeVisible();
    await approve(architect.page);
    await expect(architect.page.getByText("Status: Approved", { exact: true })).toBeVisible();
    await expect(architect.page.getByRole("list", { name: "Decisions" })).toContainText("Approved by Ada Architect (ARCHITECT)");
    await expect(architect.page.getByText(/Still needed/)).toHaveCount(0);
    await architect.close();
  });

  test("a TYPE New change completes only once Production Readiness is ticked with evidence", async ({ page, browser }) => {
    const description = `New core route reflector ${unique()}`;
    const url = await fileChange(page, { description, type: "New" });
    await scheduleAndNotify(page, description);
    const network = await asRole(browser, "network", url);
    await approve(network.page);
    await expect(network.page.getByText("Status: Approved", { exact: true })).toBeVisible();
    await network.close();

    await page.reload();
    const status = page.getByRole("form", { name: "Change status" });
    for (const [button, next] of [
      ["Mark Scheduled", "Scheduled"],
      ["Mark In progress", "In progress"],
    ]) {
      await status.getByRole("button", { name: button }).click();
      await expect(page.getByText(`Status: ${next}`, { exact: true })).toBeVisible();
    }

    // completing is refused and says which readiness items are missing
    await status.getByRole("button", { name: "Mark Completed" }).click();
    await expect(status.getByRole("alert").filter({ hasText: "Production Readiness checklist holds; missing: Infrastructure provisioned" })).toBeVisible();
    await expect(status).toContainText("Runbooks created (link) is not ticked");
    await expect(page.getByText("Status: In progress", { exact: true })).toBeVisible();

    const readiness = page.getByRole("region", { name: /^Production Readiness checklist/ });
    await expect(readiness.getByText("6 missing")).toBeVisible();

    // the runbook item needs a link: a note is refused with a field message
    const runbooks = readiness.getByRole("form", { name: "Tick Runbooks created (link)" });
    await runbooks.getByLabel("Evidence for Runbooks created (link)").fill("see the wiki");
    await runbooks.getByRole("button", { name: "Tick" }).click();
    await expect(runbooks.getByText("The runbook item needs a link (http:// or https://)")).toBeVisible();
    await expect(runbooks.getByLabel("Evidence for Runbooks created (link)")).toHaveAttribute("aria-invalid", "true");
    await expect(runbooks.getByLabel("Evidence for Runbooks created (link)")).toHaveValue("see the wiki");
    await expectAccessible(page);

    const evidence: [string, string][] = [
      ["Runbooks created (link)", "https://wiki.opsgate.local/runbooks/route-reflector"],
      ["Infrastructure provisioned", "Both reflectors racked and cabled (DC1-R12)"],
      ["Security hardening applied", "CIS benchmark applied, report in SEC-88"],
      ["Monitoring configured", "https://grafana.opsgate.local/d/route-reflector"],
      ["Alerts defined", "BGP session down and prefix count alerts in Alertmanager"],
      ["DR tested", "Failover to the second reflector tested on 2026-11-20"],
    ];
    for (const [label, text] of evidence) {
      const form = readiness.getByRole("form", { name: `Tick ${label}` });
      await form.getByLabel(`Evidence for ${label}`).fill(text);
      await form.getByRole("button", { name: "Tick" }).click();
      await expect(readiness.getByRole("form", { name: `Untick ${label}` })).toBeVisible();
      await expect(readiness.getByRole("listitem").filter({ hasText: label })).toContainText(`Ticked by Otto Automation at`);
      await expect(readiness.getByRole("listitem").filter({ hasText: label })).toContainText(text);
    }
    await expect(readiness.getByText("complete", { exact: true })).toBeVisible();

    await status.getByRole("button", { name: "Mark Completed" }).click();
    await expect(page.getByText("Status: Completed", { exact: true })).toBeVisible();
    await expect(page.getByRole("list", { name: "History" })).toContainText("change.completed → Completed");
  });
});

test.describe("editing a change", () => {
  test.describe.configure({ timeout: 60_000 });
  test.use({ storageState: storageStateOf("automation") });

  test("the requester edits a draft from its page; a stale edit is refused with the reload message", async ({ page, context }) => {
    const description = `Tune core QoS ${unique()}`;
    const url = await fileChange(page, { description, intent: "Save as Draft" });
    await expect(page.getByText("version 1")).toBeVisible();

    // a second tab opens the edit form before the first one saves
    const stale = await context.newPage();
    await stale.goto(`${url}/edit`);
    await expect(stale.getByLabel("DESCRIPTION")).toHaveValue(description);

    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(page).toHaveURL(`${url}/edit`);
    await expect(page.getByLabel("COMPONENT")).toHaveValue(/c[a-z0-9]+/);
    await expect(page.getByLabel("Risk level")).toHaveValue("Medium");
    await expect(page.getByLabel("Monitoring")).toHaveValue("https://grafana.opsgate.local/d/core-network");
    await expectAccessible(page);
    const edited = `${description} (edited)`;
    await page.getByLabel("DESCRIPTION").fill(edited);
    await page.getByLabel("IMPACT").fill("No user-visible impact expected");
    await page.getByLabel("Risk level").selectOption("Low");
    // an emptied required field is refused under the field; what was typed stays
    await page.getByLabel("TIMELINE").fill("");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("TIMELINE is required")).toBeVisible();
    await expect(page.getByLabel("DESCRIPTION")).toHaveValue(edited);
    await expect(page.getByLabel("Risk level")).toHaveValue("Low");
    await page.getByLabel("TIMELINE").fill("2026-12-15");
    await page.getByRole("button", { name: "Save changes" }).click();

    await expect(page).toHaveURL(url);
    await expect(page.getByRole("heading", { name: new RegExp(`${edited.replace(/[()]/g, "\\$&")}$`) })).toBeVisible();
    await expect(page.getByTestId("change-block")).toContainText("TIMELINE: 2026-12-15\nIMPACT: No user-visible impact expected");
    await expect(page.getByText("Risk: Low")).toBeVisible();
    await expect(page.getByText("version 2")).toBeVisible();
    await expect(page.getByRole("list", { name: "History" })).toContainText("change.updated");

    await stale.getByLabel("IMPACT").fill("Someone else's view of the impact");
    await stale.getByRole("button", { name: "Save changes" }).click();
    await expect(stale.getByRole("alert").filter({ hasText: "This record was changed by someone else; reload and try again" })).toBeVisible();
    await expect(stale.getByLabel("IMPACT")).toHaveValue("Someone else's view of the impact");
    await stale.close();

    await page.reload();
    await expect(page.getByTestId("change-block")).toContainText("IMPACT: No user-visible impact expected");
  });

  test("someone who is not the requester gets no Edit link and the edit page explains why", async ({ page, browser }) => {
    const url = await fileChange(page, { description: `Core ACL cleanup ${unique()}` });
    await expect(page.getByRole("link", { name: "Edit", exact: true })).toBeVisible();
    const network = await asRole(browser, "network", url);
    await expect(network.page.getByRole("heading", { name: /Core ACL cleanup/ })).toBeVisible();
    await expect(network.page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
    await network.page.goto(`${url}/edit`);
    await expect(network.page.getByRole("alert").filter({ hasText: "Only the requester or an ARCHITECT may edit this change." })).toBeVisible();
    await expect(network.page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
    await network.close();
  });
});
