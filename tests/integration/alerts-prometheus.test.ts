import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as AM_BEARER } from "../../app/api/alerts/alertmanager/route";
import { createIntegration } from "../../lib/alerts/integrations";
import { db } from "../../lib/db/client";
import { createComponent, createUser, uid } from "../support/factories";
import { serveHandlers, startMonitoring, waitFor } from "../support/monitoring";

/**
 * End to end with the real Debian prometheus and prometheus-alertmanager:
 * rule fires → Alertmanager groups it → webhook with Bearer key → OpsGate
 * opens a P1 that pages level 1; the rule removed → resolved → auto-resolved.
 */
describe("Prometheus → Alertmanager → OpsGate", () => {
  let mon: ReturnType<typeof startMonitoring>;
  let app: Awaited<ReturnType<typeof serveHandlers>>;
  beforeAll(async () => {
    mon = startMonitoring();
    app = await serveHandlers({ "/api/alerts/alertmanager": AM_BEARER });
  });
  afterAll(async () => {
    await app?.close();
    mon?.stop();
  });

  it("a firing rule opens a P1 with a level-1 page and detectedAt = startsAt; removing it resolves the incident", async () => {
    const architect = await createUser("ARCHITECT");
    const fallback = await createComponent("SRE", { name: `Fallback ${uid()}` });
    const component = await createComponent("DBA", { name: `pg-${uid()}` });
    const integration = await createIntegration({ actor: architect, input: { name: `Prometheus ${uid()}`, kind: "alertmanager", defaultComponentIds: [fallback.id], autoResolve: true } });

    await mon.setAlertmanagerConfig(`
route:
  receiver: opsgate
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: opsgate
    webhook_configs:
      - url: ${app.url("/api/alerts/alertmanager")}
        send_resolved: true
        http_config:
          authorization:
            credentials: ${integration.key}
`);
    await mon.setRules(`
groups:
  - name: opsgate-e2e
    interval: 1s
    rules:
      - alert: OpsGateE2E
        expr: vector(1)
        for: 0s
        labels:
          severity: critical
          component: ${component.name}
        annotations:
          summary: "OpsGate end-to-end alert on ${component.name}"
          description: "vector(1) is always firing"
`);

    const incident = await waitFor("the alert-opened incident", () =>
      db.incident.findFirst({ where: { integrationId: integration.id }, include: { pages: true, alerts: true, components: true } }),
    );
    expect(incident).toMatchObject({ severity: "P1", source: "alertmanager", title: `OpsGate end-to-end alert on ${component.name}`, impact: "vector(1) is always firing" });
    expect(incident.components.map((c) => c.componentId)).toEqual([component.id]);
    expect(incident.pages.map((p) => p.level)).toEqual([1]);
    expect(incident.pages[0].at.getTime()).toBe(incident.declaredAt.getTime()); // paged in the declaring transaction
    expect(incident.alerts).toHaveLength(1);
    expect(incident.alertStartedAt?.getTime()).toBe(incident.alerts[0].startsAt.getTime());
    // the alert's startsAt is what Alertmanager reports for it
    const amAlerts = (await (await fetch(`${mon.alertmanagerUrl}/api/v2/alerts?filter=alertname%3D%22OpsGateE2E%22`)).json()) as { startsAt: string; fingerprint: string }[];
    expect(amAlerts[0].fingerprint).toBe(incident.alerts[0].fingerprint);
    expect(new Date(amAlerts[0].startsAt).getTime()).toBe(incident.alertStartedAt?.getTime());

    await mon.setRules("groups: []\n");
    const resolved = await waitFor(
      "the incident to auto-resolve",
      async () => {
        const row = await db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { alerts: true } });
        return row.status === "Resolved" ? row : null;
      },
      25_000,
    );
    expect(resolved.alerts[0].status).toBe("resolved");
    expect(resolved.resolution).toContain("OpsGate end-to-end alert");
    expect(await db.incident.count({ where: { integrationId: integration.id } })).toBe(1);
    expect(app.calls.every((c) => c.status === 200)).toBe(true);
  }, 55_000);
});
