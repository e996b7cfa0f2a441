import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn, storageStateOf } from "../fixtures/users";

/**
 * Issue 13: an ARCHITECT invites a user from Settings → Users, the user sets a
 * password from the one-time link (no SMTP in e2e, so the link is shown) and
 * signs in, is added to a rotation of 12 and is on call now.
 * The rotation is of the AUTOMATION role, which no seeded component or
 * rotation uses, so the ladder other tests read is unchanged.
 */
test.describe("team onboarding (ARCHITECT)", () => {
  test.use({ storageState: storageStateOf("architect") });

  test("invite → set password → sign in → on call in a rotation of 12", async ({ page, browser }) => {
    const id = randomUUID().slice(0, 8);
    const email = `new-${id}@example.com`;
    const name = `Nova ${id}`;
    await page.goto("/settings/users");
    const form = page.getByRole("form", { name: "Invite user" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Role").selectOption("AUTOMATION");
    await form.getByRole("button", { name: "Invite" }).click();
    const link = await page.getByTestId("set-password-link").textContent();
    expect(link).toMatch(/\/set-password\//);
    await expect(page.getByTestId(`user-${email}`)).toContainText("invited");

    // the invited user, in a browser without any session
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const guest = await ctx.newPage();
    await guest.goto(new URL(link!).pathname);
    await guest.getByLabel("New password").fill("a long new password 13");
    await guest.getByLabel("Repeat the password").fill("a long new password 13");
    await guest.getByRole("button", { name: "Set password" }).click();
    await expect(guest.getByRole("status")).toContainText("Password set");
    // single use: the link now says so
    await guest.goto(new URL(link!).pathname);
    await expect(guest.getByText("This link has expired or was already used")).toBeVisible();
    await signIn(guest, email, "a long new password 13");
    await expect(guest).toHaveURL(/\/$/);

    // eleven more teammates, invited over the API
    const others: string[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await page.request.post("/api/v1/users", { data: { email: `mate-${id}-${i}@example.com`, name: `Mate ${id} ${i}`, role: "AUTOMATION" } });
      expect(res.status()).toBe(201);
      others.push(((await res.json()) as { user: { id: string } }).user.id);
    }
    const list = (await (await page.request.get("/api/v1/users")).json()) as { data: { id: string; email: string }[] };
    const me = list.data.find((u) => u.email === email)!;
    // shift 0 (today 00:00 UTC → tomorrow 00:00 UTC) belongs to position 0: the new user
    const today = new Date().toISOString().slice(0, 10);
    const rotationName = `Automation ${id}`;
    const created = await page.request.post("/api/v1/rotations", {
      data: { name: rotationName, role: "AUTOMATION", shiftMinutes: 1440, handoffMinuteUtc: "00:00", timeZone: "UTC", anchorAt: today, memberIds: [me.id, ...others] },
    });
    expect(created.status()).toBe(201);
    const rotation = (await created.json()) as { id: string; members: unknown[] };
    expect(rotation.members).toHaveLength(12);

    const now = (await (await guest.request.get("/api/v1/oncall/now")).json()) as { rotations: { id: string; current: { id: string; name: string } | null }[] };
    expect(now.rotations.find((r) => r.id === rotation.id)?.current).toMatchObject({ id: me.id, name });

    await page.goto(`/oncall/rotations/${rotation.id}`);
    await expect(page.getByTestId("rotation-member")).toHaveCount(12);
    await ctx.close();
  });
});
