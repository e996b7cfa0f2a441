import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { emailOf, SIGN_OUT_USERS, signIn, storageStateOf } from "../fixtures/users";

/*
 * Issue 11 in a real browser against the production build behind the status
 * front: nonce CSP that the dashboard runs under without violations, framing
 * refused, CSRF on the cookie session, open redirect after sign-in, JSON
 * errors, body limits, and the status page with JavaScript off.
 */

test.describe("signed in (cookie session)", () => {
  test.use({ storageState: storageStateOf("sre") });

  test("the dashboard runs under a nonce CSP without violations and refuses framing", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto("/incidents");
    const csp = res?.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res?.headers()["x-frame-options"]).toBe("DENY");
    expect(res?.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res?.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    // hydrated and interactive: the client-side Declare shortcut (Shift+D) navigates
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /^Welcome,/ })).toBeVisible();
    await page.locator("body").press("Shift+D");
    await expect(page).toHaveURL(/\/incidents\/new$/);
    expect(violations).toEqual([]);
  });

  test("a state change on the cookie session needs application/json and this server's Origin", async ({ page }) => {
    await page.goto("/");
    const api = page.request;
    // text/plain (what a cross-site form can send): 415
    const plain = await api.post("/api/v1/incidents", { headers: { "content-type": "text/plain", origin: BASE_URL }, data: "{}" });
    expect(plain.status()).toBe(415);
    // a foreign Origin: 403
    const foreign = await api.post("/api/v1/incidents", { headers: { "content-type": "application/json", origin: "http://evil.test" }, data: {} });
    expect(foreign.status()).toBe(403);
    // no Origin and no Sec-Fetch-Site (Node's fetch with the session cookie; Playwright's clients add the config's Origin): 403
    const state = JSON.parse(readFileSync(storageStateOf("sre"), "utf8")) as { cookies: { name: string; value: string }[] };
    const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const bare = await fetch(`${BASE_URL}/api/v1/incidents`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: "{}" });
    expect(bare.status).toBe(403);
    const withCookie = await fetch(`${BASE_URL}/api/v1/incidents`, { method: "POST", headers: { cookie, "content-type": "application/json", origin: BASE_URL }, body: "{}" });
    expect(withCookie.status).toBe(400); // the cookie is a real session: only the missing Origin was refused
    // this server's Origin: past the guard (an empty body is then a 400 naming the fields)
    const same = await api.post("/api/v1/incidents", { headers: { "content-type": "application/json", origin: BASE_URL }, data: {} });
    expect(same.status()).toBe(400);
    expect(((await same.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("title");
    // the browser's own fetch from the page sends its Origin and passes
    const fromPage = await page.evaluate(async () => (await fetch("/api/v1/incidents", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status);
    expect(fromPage).toBe(400);
  });
});

test.describe("long text", () => {
  test.use({ storageState: storageStateOf("sre") });

  test("one long word wraps: the incident page, the incident list and /status stay as wide as the window", async ({ page, request }) => {
    test.setTimeout(90_000); // several full page loads on a busy 2-core machine
    const comps = (await (await request.get("/api/v2/components.json")).json()) as { components: { id: string; name: string; group: boolean }[] };
    const comp = comps.components.find((c) => !c.group && c.name === "Customer portal");
    const word = `W${Date.now()}${"x".repeat(180)}`;
    const declared = await request.post("/api/v1/incidents", {
      data: { title: word, severity: "P4", impact: "y".repeat(3000), componentIds: [comp?.id], currentAction: "z".repeat(400), message: "m".repeat(400), public: true },
    });
    expect(declared.status()).toBe(201);
    const { id } = (await declared.json()) as { id: string };
    const widthOk = async () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    for (const path of [`/incidents/${id}`, "/incidents"]) {
      await page.goto(path);
      await expect(page.getByText(word.slice(0, 20)).first()).toBeVisible();
      expect(await widthOk(), path).toBe(true);
    }
    await expect(async () => {
      await page.goto("/status");
      await expect(page.getByText(word.slice(0, 20)).first()).toBeVisible({ timeout: 300 });
    }).toPass({ timeout: 10_000 });
    expect(await widthOk(), "/status").toBe(true);
    // resolve it so it does not linger on other specs' pages
    const inc = (await (await request.get(`/api/v1/incidents/${id}`)).json()) as { version: number };
    await request.post(`/api/v1/incidents/${id}/resolve`, { data: { resolution: "test done", version: inc.version } });
  });
});

test.describe("sign-out", () => {
  test("a session cookie copied before sign-out no longer works after it", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, SIGN_OUT_USERS.security);
    await expect(page.getByRole("heading", { name: /^Welcome,/ })).toBeVisible();
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    expect((await fetch(`${BASE_URL}/api/v1/incidents?limit=1`, { headers: { cookie } })).status).toBe(200);
    await page.getByRole("button", { name: /sign out/i }).first().click();
    await expect(page).toHaveURL(/\/login/);
    expect((await fetch(`${BASE_URL}/api/v1/incidents?limit=1`, { headers: { cookie } })).status).toBe(401);
    await context.close();
  });
});

test.describe("signed out", () => {
  test("sign-in never redirects to another origin", async ({ page }) => {
    await page.goto("/login?callbackUrl=/%5C127.0.0.1:5199/x");
    await signIn(page, emailOf("viewer"));
    await expect(page.getByRole("heading", { name: /^Welcome,/ })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(BASE_URL);
  });

  test("API errors are JSON: unknown path 404, unsupported method 405", async ({ request }) => {
    const missing = await request.get("/api/v1/no-such-route");
    expect(missing.status()).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const method = await request.put("/api/v1/changes", { headers: { "content-type": "application/json" }, data: {} });
    expect(method.status()).toBe(405);
    expect(((await method.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
  });

  test("bodies over the limit get 413 from the front", async ({ request }) => {
    const sub = await request.post("/status/subscribe", { headers: { "content-type": "application/json" }, data: "x".repeat(65 * 1024) });
    expect(sub.status()).toBe(413);
    const api = await request.post("/api/v1/incidents", { headers: { "content-type": "application/json" }, data: "x".repeat(1024 * 1024 + 100) });
    expect(api.status()).toBe(413);
  });

  test("the status page keeps working with JavaScript off, under a script-free CSP", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const res = await page.goto("/status");
    expect(res?.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect(res?.headers()["x-frame-options"]).toBe("DENY");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Subscribe a webhook" })).toBeVisible();
    await context.close();
  });
});
