import { expect, test } from "@playwright/test";
import { E2E_METRICS_TOKEN } from "../fixtures/metrics";
import { storageStateOf } from "../fixtures/users";

test.describe("/metrics of the real server", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("times pages and API routes alike, by Next route pattern", async ({ page }) => {
    await page.goto("/kpis");
    await expect(page.getByRole("heading", { name: "KPIs", level: 1 })).toBeVisible();
    expect((await page.request.get("/api/v1/kpis?period=7d")).status()).toBe(200);
    expect((await page.request.get("/changes/no-such-change")).status()).toBe(404);

    expect((await page.request.get("/metrics", { headers: { authorization: "Bearer wrong-token-0123456789" } })).status()).toBe(401);
    const res = await page.request.get("/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
    expect(res.status()).toBe(200);
    const text = await res.text();
    const count = (route: string, status: string) => {
      const line = text.split("\n").find((l) => l.startsWith("opsgate_http_request_duration_seconds_count{") && l.includes(`route="${route}"`) && l.includes(`status="${status}"`) && l.includes('method="GET"'));
      return line ? Number(line.split(" ").at(-1)) : 0;
    };
    expect(count("/kpis", "200")).toBeGreaterThan(0);
    expect(count("/api/v1/kpis", "200")).toBeGreaterThan(0);
    expect(count("/changes/[id]", "404")).toBeGreaterThan(0);
    expect(text).toMatch(/^opsgate_kpi_availability_ratio\{period="30d"\} /m);
  });
});
