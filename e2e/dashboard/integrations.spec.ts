import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { storageStateOf } from "../fixtures/users";

/** An Alertmanager webhook v4 body with one alert (what Alertmanager POSTs to a webhook receiver). */
function alertmanagerBody(name: string, status: "firing" | "resolved") {
  return {
    version: "4",
    groupKey: `{}:{alertname="${name}"}`,
    status,
    receiver: "opsgate",
    groupLabels: { alertname: name },
    commonLabels: { alertname: name },
    commonAnnotations: {},
    externalURL: "http://alertmanager.e2e.test:9093",
    alerts: [
      {
        status,
        // info → P4: the component's status (and the public page other specs read) stays as it is
        labels: { alertname: name, severity: "info", instance: "bastion-1" },
        annotations: { summary: `${name} on bastion-1`, description: "e2e: sent by the test like Alertmanager would" },
        startsAt: "2026-11-30T09:58:00Z",
        endsAt: status === "resolved" ? "2026-11-30T10:05:00Z" : "0001-01-01T00:00:00Z",
        generatorURL: `http://prometheus.e2e.test:9090/graph?g0.expr=${name}`,
        fingerprint: `fp-${name}`,
      },
    ],
  };
}

test.describe("Settings → Integrations as ARCHITECT", () => {
  test.use({ storageState: storageStateOf("architect") });

  test("creates an integration, sees the key once with URL and snippets; the key opens an incident; revoking it makes the URL 404", async ({ page, playwright }) => {
    test.setTimeout(60_000);
    const suffix = randomUUID().slice(0, 8);
    const name = `Prometheus e2e ${suffix}`;
    const alertname = `E2eDiskFull${suffix}`;

    await page.goto("/settings/integrations");
    await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
    const form = page.getByRole("form", { name: "Create integration" });
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Kind").selectOption("alertmanager");
    await form.getByLabel("Default components").selectOption({ label: "Bastion hosts" });
    await form.getByRole("button", { name: "Create integration" }).click();

    // shown once: the key, the ready URL, the Alertmanager YAML and a curl test
    const key = ((await page.getByTestId("new-integration-key").textContent()) ?? "").trim();
    expect(key).toMatch(/^ogi_/);
    const url = ((await page.getByTestId("new-integration-url").textContent()) ?? "").trim();
    expect(url).toBe(`${BASE_URL}/api/alerts/alertmanager/${key}`);
    await expect(page.getByText("Alertmanager configuration (alertmanager.yml)")).toBeVisible();
    const yaml = page.getByTestId("new-integration-snippet");
    await expect(yaml).toContainText("receivers:");
    await expect(yaml).toContainText("webhook_configs:");
    await expect(yaml).toContainText(`url: ${BASE_URL}/api/alerts/alertmanager`);
    await expect(yaml).toContainText(`credentials: ${key}`);
    const curl = page.getByTestId("new-integration-curl");
    await expect(curl).toContainText(`curl -X POST '${url}'`);
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(key.slice(0, 8));
    await expect(row).toContainText("Active");

    await page.reload();
    await expect(page.getByTestId("new-integration-key")).toHaveCount(0);
    await expect(page.getByText(key)).toHaveCount(0);

    // The URL works for a client with no session, as Alertmanager would call it.
    const alertmanager = await playwright.request.newContext({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: {} });
    const fired = await alertmanager.post(url, { data: alertmanagerBody(alertname, "firing") });
    expect(fired.status()).toBe(200);
    const { incidentId, opened } = (await fired.json()) as { incidentId: string; opened: boolean };
    expect(opened).toBe(true);
    // the same payload again (a retry) opens nothing new
    const again = await alertmanager.post(url, { data: alertmanagerBody(alertname, "firing") });
    expect(((await again.json()) as { incidentId: string; opened: boolean })).toMatchObject({ incidentId, opened: false });

    // The incident page shows its alert with links back to Prometheus and Alertmanager.
    await page.goto(`/incidents/${incidentId}`);
    await expect(page.getByRole("heading", { name: new RegExp(`${alertname} on bastion-1`), level: 1 })).toBeVisible();
    const alerts = page.getByRole("region", { name: "Alerts" });
    await expect(alerts).toContainText("Opened by alertmanager");
    await expect(alerts).toContainText(`${alertname} on bastion-1`);
    await expect(alerts).toContainText("firing");
    await expect(alerts.getByRole("link", { name: "source" })).toHaveAttribute("href", `http://prometheus.e2e.test:9090/graph?g0.expr=${alertname}`);
    await expect(alerts.getByRole("link", { name: "Alertmanager" })).toHaveAttribute("href", "http://alertmanager.e2e.test:9093");

    // Resolved by Alertmanager: the integration auto-resolves (the checkbox was left on).
    const resolved = await alertmanager.post(url, { data: alertmanagerBody(alertname, "resolved") });
    expect(((await resolved.json()) as { resolvedIncident: boolean }).resolvedIncident).toBe(true);
    await page.reload();
    await expect(page.getByRole("region", { name: "Alerts" })).toContainText("resolved");

    // Revoking the key: the same URL answers 404, as an unknown key does.
    await page.goto("/settings/integrations");
    await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: `Revoke integration ${name}` }).click();
    await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Revoked");
    const refused = await alertmanager.post(url, { data: alertmanagerBody(alertname, "firing") });
    expect(refused.status()).toBe(404);
    const unknown = await alertmanager.post(`${BASE_URL}/api/alerts/alertmanager/ogi_${"x".repeat(43)}`, { data: alertmanagerBody(alertname, "firing") });
    expect(unknown.status()).toBe(404);
    // no hint which: the same error for a revoked and an unknown key
    const code = async (r: typeof refused) => ((await r.json()) as { error: { code: string; message: string } }).error;
    expect(await code(refused)).toEqual(await code(unknown));
    await alertmanager.dispose();
  });

  test("a Grafana integration shows its contact-point settings and a curl test", async ({ page }) => {
    const name = `Grafana e2e ${randomUUID().slice(0, 8)}`;
    await page.goto("/settings/integrations");
    const form = page.getByRole("form", { name: "Create integration" });
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Kind").selectOption("grafana");
    await form.getByLabel("Default components").selectOption({ label: "Bastion hosts" });
    await form.getByRole("button", { name: "Create integration" }).click();
    const key = ((await page.getByTestId("new-integration-key").textContent()) ?? "").trim();
    const url = `${BASE_URL}/api/alerts/grafana/${key}`;
    await expect(page.getByTestId("new-integration-url")).toHaveText(url);
    await expect(page.getByText("Grafana contact point")).toBeVisible();
    await expect(page.getByTestId("new-integration-snippet")).toContainText("Integration: Webhook");
    await expect(page.getByTestId("new-integration-snippet")).toContainText(`URL: ${url}`);
    await expect(page.getByTestId("new-integration-curl")).toContainText(`curl -X POST '${url}'`);
    // leave nothing active behind
    await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: `Revoke integration ${name}` }).click();
    await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Revoked");
  });
});

for (const role of ["viewer", "sre"] as const) {
  test.describe(`Settings → Integrations as ${role.toUpperCase()}`, () => {
    test.use({ storageState: storageStateOf(role) });

    test("cannot create one: the page says so and the server refuses a direct call", async ({ page }) => {
      await page.goto("/settings/integrations");
      await expect(page.getByText(/Only an Infrastructure Architect may manage alert integrations/)).toBeVisible();
      await expect(page.getByRole("form", { name: "Create integration" })).toHaveCount(0);
      // the session cookie, straight to the API (as a script would, past the UI)
      const res = await page.request.post("/api/v1/integrations", { data: { name: `Sneaky ${role} ${randomUUID().slice(0, 8)}`, kind: "generic", defaultComponentIds: ["x"] } });
      expect(res.status()).toBe(403);
      const listed = await page.request.get("/api/v1/integrations");
      expect(listed.status()).toBe(403);
    });
  });
}
