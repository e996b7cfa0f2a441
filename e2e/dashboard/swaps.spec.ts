import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, storageStateOf } from "../fixtures/users";

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) + offset * DAY).toISOString().slice(0, 10);
const shiftLabel = (rotation: string, offset: number) => `${rotation}: ${day(offset)} 00:00 – ${day(offset + 1)} 00:00 UTC`;

/** An invited user who sets a password from the invitation link and signs in, in a browser of their own. */
async function newEngineer(admin: Page, browser: Browser, id: string, label: string) {
  const email = `swap-${label}-${id}@example.com`;
  const res = await admin.request.post("/api/v1/users", { data: { email, name: `${label} ${id}`, role: "AUTOMATION" } });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { user: { id: string }; invitation: { link: string } };
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  await page.goto(new URL(body.invitation.link).pathname);
  await page.getByLabel("New password").fill("a long swap password 13");
  await page.getByLabel("Repeat the password").fill("a long swap password 13");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status")).toContainText("Password set");
  await signIn(page, email, "a long swap password 13");
  await expect(page).toHaveURL(/\/$/);
  return { id: body.user.id, name: `${label} ${id}`, page, ctx };
}

/**
 * Issue 13: shift swaps on the On-call page. Two new engineers share a daily
 * AUTOMATION rotation (handoff 00:00 UTC from today: Xena today, Yuri
 * tomorrow, …), so the seeded rotations other specs read are untouched.
 */
test.describe("shift swaps", () => {
  test.use({ storageState: storageStateOf("architect") });

  test("propose with an exchange → the other accepts (overrides); a second offer is declined; a third cancelled", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const id = randomUUID().slice(0, 8);
    const x = await newEngineer(page, browser, id, "Xena");
    const y = await newEngineer(page, browser, id, "Yuri");
    const rotation = `Swaps ${id}`;
    const created = await page.request.post("/api/v1/rotations", {
      data: { name: rotation, role: "AUTOMATION", shiftMinutes: 1440, handoffMinuteUtc: "00:00", timeZone: "UTC", anchorAt: day(0), memberIds: [x.id, y.id] },
    });
    expect(created.status()).toBe(201);
    const rotationId = ((await created.json()) as { id: string }).id;

    // Xena offers her shift in two days and asks for Yuri's in three days
    await x.page.goto("/oncall");
    const form = x.page.getByRole("form", { name: "Swap a shift" });
    await form.getByRole("button", { name: "Propose swap" }).click();
    await expect(form.getByText("Rotation is required")).toBeVisible(); // nothing chosen: a field message, no 500
    await form.getByLabel("Your shift").selectOption({ label: shiftLabel(rotation, 2) });
    await form.getByLabel("Offer it to").selectOption({ label: `${y.name} (AUTOMATION)` });
    await form.getByLabel("Their shift in exchange (optional)").selectOption({ label: `${day(3)} 00:00 – ${day(4)} 00:00 UTC` });
    await form.getByLabel("Message (optional)").fill("family visit");
    await form.getByRole("button", { name: "Propose swap" }).click();
    await expect(form.getByRole("status")).toContainText("Swap proposed");
    await expect(x.page.getByRole("list", { name: "Shift swaps" })).toContainText(`You offered ${y.name} ${shiftLabel(rotation, 2).replace(": ", " ")}`);

    // Yuri sees it and accepts
    await y.page.goto("/oncall");
    const list = y.page.getByRole("list", { name: "Shift swaps" });
    await expect(list).toContainText(`${x.name} offers you`);
    await expect(list).toContainText("family visit");
    await list.getByRole("button", { name: new RegExp(`^Accept swap from ${x.name}`) }).click();
    await expect(list.getByTestId("swap").first()).toContainText("accepted");
    const overrides = (await (await y.page.request.get(`/api/v1/overrides?rotationId=${rotationId}`)).json()) as { data: { userId: string; startsAt: string }[] };
    expect(overrides.data.map((o) => [o.userId, o.startsAt.slice(0, 10)]).sort((a, b) => a[1].localeCompare(b[1]))).toEqual([
      [y.id, day(2)],
      [x.id, day(3)],
    ]);
    await expect(y.page.getByRole("list", { name: `Overrides on ${rotation}` })).toContainText(`${y.name}: ${day(2)} 00:00 UTC`);

    // a second offer (her shift in four days), declined
    await x.page.reload();
    await form.getByLabel("Your shift").selectOption({ label: shiftLabel(rotation, 4) });
    await form.getByLabel("Offer it to").selectOption({ label: `${y.name} (AUTOMATION)` });
    await form.getByRole("button", { name: "Propose swap" }).click();
    await expect(form.getByRole("status")).toContainText("Swap proposed");
    await y.page.reload();
    await list.getByRole("button", { name: new RegExp(`^Decline swap from ${x.name}`) }).click();
    await expect(list.getByTestId("swap").first()).toContainText("declined");

    // a third one, withdrawn by Xena before Yuri answers
    await x.page.reload();
    await form.getByLabel("Your shift").selectOption({ label: shiftLabel(rotation, 6) });
    await form.getByLabel("Offer it to").selectOption({ label: `${y.name} (AUTOMATION)` });
    await form.getByRole("button", { name: "Propose swap" }).click();
    await expect(form.getByRole("status")).toContainText("Swap proposed");
    const mine = x.page.getByRole("list", { name: "Shift swaps" });
    await mine.getByRole("button", { name: new RegExp(`^Cancel swap offered to ${y.name}`) }).click();
    await expect(mine.getByTestId("swap").first()).toContainText("cancelled");
    const swaps = (await (await x.page.request.get("/api/v1/swaps?mine=true")).json()) as { data: { status: string }[] };
    expect(swaps.data.map((s) => s.status)).toEqual(["cancelled", "declined", "accepted"]);
    await x.ctx.close();
    await y.ctx.close();
  });
});
