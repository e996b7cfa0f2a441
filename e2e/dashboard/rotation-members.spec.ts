import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { storageStateOf } from "../fixtures/users";

/**
 * Issue 13: a rotation of 25 built in the browser: members added from the
 * picker, reordered with the keyboard (the move buttons keep focus on the
 * moved row) and by dragging, one removed; the saved order is what the list
 * showed. AUTOMATION role: no seeded rotation or component uses it.
 */
test.describe("rotation of 25 members (ARCHITECT)", () => {
  // tall enough that the dragged row and its drop target are both on screen (a drag cannot scroll)
  test.use({ storageState: storageStateOf("architect"), viewport: { width: 1280, height: 2000 } });

  test("add 25, move by keyboard and drag, remove one, save in that order", async ({ page }) => {
    test.setTimeout(90_000);
    const id = randomUUID().slice(0, 8);
    const names: string[] = [];
    for (let i = 0; i < 25; i++) {
      const name = `R${String(i + 1).padStart(2, "0")} ${id}`;
      const res = await page.request.post("/api/v1/users", { data: { email: `rot-${id}-${i}@example.com`, name, role: "AUTOMATION" } });
      expect(res.status()).toBe(201);
      names.push(name);
    }
    await page.goto("/oncall/rotations/new");
    const form = page.getByRole("form", { name: "New rotation" });
    const rotationName = `Twenty-five ${id}`;
    await form.getByLabel("Name").fill(rotationName);
    await form.getByLabel("Role").selectOption("AUTOMATION");
    for (const name of names) {
      await form.getByLabel("Add member").selectOption({ label: `${name} (AUTOMATION)` });
      await form.getByRole("button", { name: "Add", exact: true }).click();
    }
    const rows = form.getByTestId("rotation-member");
    await expect(rows).toHaveCount(25);
    await expect(form.getByText("Members in order (25)")).toBeVisible();

    // a validation error (name emptied) keeps every other value: role, shift, handoff, zone, date, the 25 members
    await form.getByLabel("Name").fill("");
    await form.getByLabel("Shift length (minutes)").fill("2880");
    await form.getByLabel("Handoff time").fill("07:30");
    await form.getByLabel("Time zone").selectOption("Europe/Berlin");
    await form.getByLabel("First shift date").fill("2031-02-03");
    await form.getByRole("button", { name: "Create rotation" }).click();
    await expect(form.getByText("Give the rotation a name")).toBeVisible();
    await expect(form.getByLabel("Role")).toHaveValue("AUTOMATION");
    await expect(form.getByLabel("Shift length (minutes)")).toHaveValue("2880");
    await expect(form.getByLabel("Handoff time")).toHaveValue("07:30");
    await expect(form.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
    await expect(form.getByLabel("First shift date")).toHaveValue("2031-02-03");
    await expect(rows).toHaveCount(25);
    await form.getByLabel("Name").fill(rotationName);

    // keyboard: the last member moves up three places with Enter; focus stays on its button
    const up = form.getByRole("button", { name: `Move ${names[24]} up` });
    await up.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press("Enter");
    await expect(up).toBeFocused();
    await expect(rows.nth(21)).toContainText(names[24]);
    // down with Space from the first row, twice
    const down = form.getByRole("button", { name: `Move ${names[0]} down` });
    await down.focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("Space");
    await expect(down).toBeFocused();
    await expect(rows.nth(2)).toContainText(names[0]);

    // drag: the member now at position 10 is dropped on the first row
    const dragged = (await rows.nth(9).textContent())!.match(/R\d\d [0-9a-f]{8}/)![0];
    await rows.nth(9).dragTo(rows.nth(0));
    await expect(rows.nth(0)).toContainText(dragged);

    // remove one
    await form.getByRole("button", { name: `Remove ${names[5]}` }).click();
    await expect(rows).toHaveCount(24);

    const shown = (await rows.allTextContents()).map((t) => t.match(/R\d\d [0-9a-f]{8}/)![0]);
    await form.getByRole("button", { name: "Create rotation" }).click();
    await expect(page).toHaveURL(/\/oncall$/);

    const list = (await (await page.request.get("/api/v1/rotations?limit=100")).json()) as { data: { name: string; members: { user: { name: string } }[] }[] };
    const saved = list.data.find((r) => r.name === rotationName)!;
    expect(saved.members.map((m) => m.user.name)).toEqual(shown);
    expect(shown).not.toContain(names[5]);
    expect(shown[0]).toBe(dragged);
  });
});
