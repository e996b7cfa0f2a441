import { describe, expect, it } from "vitest";
import { alertmanagerSchema, genericSchema, grafanaSchema, heartbeatDelivery, labelsFingerprint, mapAlertmanager, mapGeneric, mapGrafana, mapPagerDuty, pagerdutySchema } from "./payloads";
import { zodFields } from "@/lib/validation";

const now = new Date("2026-12-02T10:00:00.000Z");

const am = {
  version: "4",
  groupKey: '{}:{alertname="DiskFull"}',
  status: "firing",
  receiver: "opsgate",
  groupLabels: { alertname: "DiskFull" },
  commonLabels: { alertname: "DiskFull", severity: "critical" },
  commonAnnotations: { runbook: "https://wiki/disk" },
  externalURL: "http://am:9093",
  truncatedAlerts: 0,
  alerts: [
    {
      status: "firing",
      labels: { alertname: "DiskFull", instance: "db1", severity: "critical", component: "Database" },
      annotations: { summary: "Disk full on db1", description: "95% used" },
      startsAt: "2026-12-02T09:58:00.000Z",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://prom:9090/graph?g0.expr=disk",
      fingerprint: "a1b2c3d4e5f60718",
    },
    {
      status: "resolved",
      labels: { alertname: "DiskFull", instance: "db2", severity: "critical" },
      annotations: {},
      startsAt: "2026-12-02T09:00:00.000Z",
      endsAt: "2026-12-02T09:30:00.000Z",
      generatorURL: "",
    },
  ],
};

describe("Alertmanager webhook v4", () => {
  it("maps each alert with its own fingerprint, summary and times", () => {
    const d = mapAlertmanager(alertmanagerSchema.parse(am));
    expect(d.groupKey).toBe(am.groupKey);
    expect(d.externalURL).toBe("http://am:9093");
    expect(d.alerts[0]).toMatchObject({
      fingerprint: "a1b2c3d4e5f60718",
      status: "firing",
      startsAt: new Date("2026-12-02T09:58:00.000Z"),
      endsAt: null,
      summary: "Disk full on db1",
      description: "95% used",
      severity: "critical",
      generatorURL: "http://prom:9090/graph?g0.expr=disk",
    });
    expect(d.alerts[0].annotations.runbook).toBe("https://wiki/disk");
    // no fingerprint sent: a stable hash of the labels; no summary: the alertname
    expect(d.alerts[1].fingerprint).toBe(labelsFingerprint({ alertname: "DiskFull", instance: "db2", severity: "critical" }));
    expect(d.alerts[1]).toMatchObject({ status: "resolved", endsAt: new Date("2026-12-02T09:30:00.000Z"), summary: "DiskFull", generatorURL: null });
  });

  it("never merges distinct alerts: same summary, different labels → different fingerprints", () => {
    expect(labelsFingerprint({ a: "1", b: "2" })).toBe(labelsFingerprint({ b: "2", a: "1" }));
    expect(labelsFingerprint({ a: "1", b: "2" })).not.toBe(labelsFingerprint({ a: "1", b: "3" }));
    expect(labelsFingerprint({ a: "1b", c: "" })).not.toBe(labelsFingerprint({ a: "1", bc: "" }));
  });

  it("names the bad field by its path", () => {
    const bad = { ...am, alerts: [{ ...am.alerts[0], startsAt: "yesterday" }] };
    const r = alertmanagerSchema.safeParse(bad);
    expect(r.success).toBe(false);
    if (!r.success) expect(zodFields(r.error)).toHaveProperty(["alerts.0.startsAt"]);
    const r2 = alertmanagerSchema.safeParse({ ...am, groupKey: undefined, alerts: [] });
    if (!r2.success) expect(Object.keys(zodFields(r2.error)).sort()).toEqual(["alerts", "groupKey"]);
  });

  it("keeps only http(s) links (no javascript: on the incident page)", () => {
    const d = mapAlertmanager(alertmanagerSchema.parse({ ...am, externalURL: "javascript:alert(1)", alerts: [{ ...am.alerts[0], generatorURL: "JavaScript:alert(1)" }] }));
    expect(d.externalURL).toBeNull();
    expect(d.alerts[0].generatorURL).toBeNull();
  });

  it("refuses over-long label values", () => {
    const r = alertmanagerSchema.safeParse({ ...am, alerts: [{ ...am.alerts[0], labels: { x: "y".repeat(5000) } }] });
    expect(r.success).toBe(false);
  });
});

describe("Grafana webhook", () => {
  it("reads the Alertmanager core and accepts Grafana's extra fields", () => {
    const body = { ...am, orgId: 1, title: "[FIRING:1] DiskFull", message: "…", state: "alerting", alerts: [{ ...am.alerts[0], silenceURL: "x", dashboardURL: "y", values: { A: 1 } }] };
    const d = mapGrafana(grafanaSchema.parse(body));
    expect(d.alerts).toHaveLength(1);
    expect(d.alerts[0].summary).toBe("Disk full on db1");
  });
});

describe("PagerDuty Events v2", () => {
  const trigger = {
    routing_key: "ogi_x",
    event_action: "trigger",
    dedup_key: "srv01/HTTP",
    payload: { summary: "HTTP down on srv01", source: "srv01", severity: "error", timestamp: "2026-12-02T09:59:00.000Z", component: "Web", group: "prod", custom_details: { ping: "timeout" } },
    links: [{ href: "https://zabbix/1", text: "Zabbix" }],
  };
  it("trigger: the dedup_key is the alert and the group", () => {
    const { dedupKey, delivery } = mapPagerDuty(pagerdutySchema.parse(trigger), now, () => "generated");
    expect(dedupKey).toBe("srv01/HTTP");
    expect(delivery?.groupKey).toBe("srv01/HTTP");
    expect(delivery?.alerts[0]).toMatchObject({ fingerprint: "srv01/HTTP", status: "firing", startsAt: new Date(trigger.payload.timestamp), severity: "error", summary: "HTTP down on srv01", generatorURL: "https://zabbix/1" });
    expect(delivery?.alerts[0].labels).toMatchObject({ component: "Web", group: "prod", source: "srv01" });
    expect(delivery?.alerts[0].description).toBe('{"ping":"timeout"}');
  });
  it("a trigger without dedup_key gets a fresh one; resolve and acknowledge need one", () => {
    expect(mapPagerDuty(pagerdutySchema.parse({ ...trigger, dedup_key: undefined }), now, () => "fresh").dedupKey).toBe("fresh");
    const r = pagerdutySchema.safeParse({ routing_key: "k", event_action: "resolve" });
    expect(r.success).toBe(false);
    if (!r.success) expect(zodFields(r.error)).toHaveProperty(["dedup_key"]);
    const res = mapPagerDuty(pagerdutySchema.parse({ routing_key: "k", event_action: "resolve", dedup_key: "srv01/HTTP" }), now, () => "x");
    expect(res.delivery?.alerts[0]).toMatchObject({ status: "resolved", endsAt: now });
    expect(mapPagerDuty(pagerdutySchema.parse({ routing_key: "k", event_action: "acknowledge", dedup_key: "d" }), now, () => "x").delivery).toBeNull();
  });
  it("refuses an unknown severity with its path", () => {
    const r = pagerdutySchema.safeParse({ ...trigger, payload: { ...trigger.payload, severity: "fatal" } });
    if (r.success) throw new Error("accepted");
    expect(zodFields(r.error)).toHaveProperty(["payload.severity"]);
  });
});

describe("generic and heartbeat", () => {
  it("generic maps title, dedupKey, component and severity", () => {
    const d = mapGeneric(genericSchema.parse({ title: "Queue stuck", status: "firing", dedupKey: "q1", severity: "warning", component: "Queue", description: "no consumers" }), now);
    expect(d.groupKey).toBe("q1");
    expect(d.alerts[0]).toMatchObject({ fingerprint: "q1", startsAt: now, summary: "Queue stuck", severity: "warning", description: "no consumers" });
    expect(d.alerts[0].labels).toEqual({ component: "Queue", severity: "warning" });
    expect(genericSchema.safeParse({ title: "", status: "firing", dedupKey: "x" }).success).toBe(false);
  });
  it("heartbeat: a firing and a resolving alert of one fingerprint", () => {
    const since = new Date("2026-12-02T09:55:00.000Z");
    const f = heartbeatDelivery("Watchdog", "firing", since, now);
    const r = heartbeatDelivery("Watchdog", "resolved", since, now);
    expect(f.alerts[0]).toMatchObject({ fingerprint: "heartbeat", status: "firing", startsAt: since, summary: "Heartbeat missed: Watchdog" });
    expect(r.alerts[0]).toMatchObject({ fingerprint: "heartbeat", status: "resolved", endsAt: now });
  });
});
