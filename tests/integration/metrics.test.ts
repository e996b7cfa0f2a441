import { afterEach, describe, expect, it } from "vitest";
import { GET as GET_KPIS } from "../../app/api/v1/kpis/route";
import { GET as METRICS } from "../../app/metrics/route";
import { createApiToken } from "../../lib/auth/tokens";
import { resetEnvCache } from "../../lib/env";
import { declareIncident } from "../../lib/incidents/declare-incident";
import type { KpiReport } from "../../lib/kpis/report";
import { resetMetricsCache } from "../../lib/metrics/collectors";
import { createComponent, createUser, uid } from "../support/factories";
import { promtoolCheck, serveHandler, startPrometheus, waitFor } from "../support/prometheus";

const TOKEN = "metrics-token-0123456789";
const scrape = (auth?: string) => METRICS(new Request("http://t/metrics", { headers: auth ? { authorization: auth } : {} }));

function withEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  resetEnvCache();
}

afterEach(() => withEnv({ OPSGATE_METRICS_TOKEN: undefined, OPSGATE_METRICS_PUBLIC: undefined }));

/** The value of one sample line, e.g. `opsgate_incidents_open{severity="P1",status="Investigating"}`. */
function sample(text: string, name: string, labels = ""): number | null {
  const line = text.split("\n").find((l) => l.startsWith(labels ? `${name}{${labels}}` : `${name} `));
  return line ? Number(line.split(" ").at(-1)) : null;
}

describe("/metrics", () => {
  it("is closed unless a token is set (Bearer) or it is explicitly public", async () => {
    expect((await scrape()).status).toBe(401);
    withEnv({ OPSGATE_METRICS_PUBLIC: "true" });
    expect((await scrape()).status).toBe(200);
    withEnv({ OPSGATE_METRICS_PUBLIC: "true", OPSGATE_METRICS_TOKEN: TOKEN });
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer wrong-token-0123456789")).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(200);
  });

  it("passes promtool check metrics and agrees with the KPI API; open incidents are counted", async () => {
    withEnv({ OPSGATE_METRICS_TOKEN: TOKEN });
    resetMetricsCache();
    const sre = await createUser("SRE");
    const c = await createComponent("NETWORK", { group: `M ${uid()}` });
    const before = sample(await (await scrape(`Bearer ${TOKEN}`)).text(), "opsgate_incidents_open", 'severity="P3",status="Investigating"') ?? 0;
    await declareIncident({ actor: sre, input: { title: `M ${uid()}`, severity: "P3", impact: "x", currentAction: "y", componentIds: [c.id] } });
    resetMetricsCache();
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    const check = promtoolCheck(text);
    expect(check.output).toBe("");
    expect(check.status).toBe(0);
    expect(sample(text, "opsgate_incidents_open", 'severity="P3",status="Investigating"')).toBe(before + 1);
    for (const name of ["opsgate_http_request_duration_seconds", "opsgate_escalation_pages_total", "opsgate_escalation_page_latency_seconds", "opsgate_login_failures_total", "opsgate_alert_deliveries_total", "opsgate_outbox_pending_messages", "opsgate_kpi_availability_ratio", "opsgate_kpi_mttr_seconds"]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    // The same function behind the API and the gauges: 30-day figures agree.
    const viewer = await createUser("VIEWER");
    const secret = (await createApiToken({ actor: viewer, input: { name: "m" } })).secret;
    const report = (await (await GET_KPIS(new Request("http://t/api/v1/kpis?period=30d", { headers: { authorization: `Bearer ${secret}` } }))).json()) as KpiReport;
    const fig = (k: string) => report.figures.find((f) => f.key === k)!.actual;
    expect(sample(text, "opsgate_kpi_availability_ratio", 'period="30d"')).toBeCloseTo(fig("availability")! / 100, 4);
    const cs = fig("change_success");
    if (cs === null) expect(sample(text, "opsgate_kpi_change_success_ratio", 'period="30d"')).toBeNull();
    else expect(sample(text, "opsgate_kpi_change_success_ratio", 'period="30d"')).toBeCloseTo(cs / 100, 6);
    // HTTP durations are observed at the server for every route (lib/metrics/http-server.test.ts, e2e/dashboard/metrics.spec.ts).
  });

  it("a real Debian prometheus scrapes it on loopback with the Bearer token", async () => {
    withEnv({ OPSGATE_METRICS_TOKEN: TOKEN });
    const server = await serveHandler(METRICS);
    const prom = await startPrometheus({ target: server.target, bearer: TOKEN });
    try {
      const up = await waitFor("a successful scrape", async () => {
        const r = await prom.query('up{job="opsgate"}');
        return r[0]?.value[1] === "1" ? r : null;
      });
      expect(up[0].metric.instance).toBe(server.target);
      const kpi = await waitFor("KPI gauge in prometheus", async () => {
        const r = await prom.query("opsgate_kpi_availability_ratio");
        return r.length ? r : null;
      });
      expect(Number(kpi[0].value[1])).toBeGreaterThan(0);
      expect(Number(kpi[0].value[1])).toBeLessThanOrEqual(1);
    } finally {
      await prom.stop();
      await server.close();
    }
  });
});
