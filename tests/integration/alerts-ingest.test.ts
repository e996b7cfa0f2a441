import { describe, expect, it } from "vitest";
import { POST as AM_BEARER } from "../../app/api/alerts/alertmanager/route";
import { POST as AM } from "../../app/api/alerts/alertmanager/[key]/route";
import { POST as GENERIC } from "../../app/api/alerts/generic/[key]/route";
import { POST as GRAFANA } from "../../app/api/alerts/grafana/[key]/route";
import { GET as HEARTBEAT } from "../../app/api/alerts/heartbeat/[key]/route";
import { POST as PD } from "../../app/api/alerts/pagerduty/v2/enqueue/route";
import { GET as GET_INCIDENT } from "../../app/api/v1/incidents/[id]/route";
import { DELETE as INT_DELETE, PATCH as INT_PATCH } from "../../app/api/v1/integrations/[id]/route";
import { GET as INT_LIST, POST as INT_CREATE } from "../../app/api/v1/integrations/route";
import { checkHeartbeats } from "../../lib/alerts/check-heartbeats";
import { createIntegration, hashIntegrationKey, revokeIntegration, updateIntegration } from "../../lib/alerts/integrations";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { resolveIncident } from "../../lib/incidents/resolve-incident";
import { resetEnvCache } from "../../lib/env";
import { ForbiddenError } from "../../lib/errors";
import { auditCount, createComponent, createUser, uid } from "../support/factories";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function send(handler: Handler, opts: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string>; method?: string } = {}) {
  const req = new Request("http://t/api/alerts/x", {
    method: opts.method ?? "POST",
    headers: { "content-type": "application/json", ...opts.headers },
    body: opts.method === "GET" ? undefined : (opts.raw ?? JSON.stringify(opts.body ?? {})),
  });
  const res = await handler(req, { params: Promise.resolve<Record<string, string>>(opts.key ? { key: opts.key } : {}) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; fields?: Record<string, string> } } };
}

async function setup(kind: "alertmanager" | "grafana" | "pagerduty" | "generic" | "heartbeat", over: Record<string, unknown> = {}) {
  const architect = await createUser("ARCHITECT");
  const component = await createComponent("DBA", { name: `DB ${uid()}` });
  const created = await createIntegration({ actor: architect, input: { name: `Int ${uid()}`, kind, defaultComponentIds: [component.id], ...over } });
  return { architect, component, integration: created, key: created.key };
}

const startsAt = "2026-11-30T09:58:00.000Z"; // in the past of any test run (a future start is clamped to now)
function amPayload(groupKey: string, alerts: { fp: string; status?: "firing" | "resolved"; summary?: string; labels?: Record<string, string>; startsAt?: string }[], status: "firing" | "resolved" = "firing") {
  return {
    version: "4",
    groupKey,
    status,
    receiver: "opsgate",
    groupLabels: { alertname: "DiskFull" },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: "http://am.local:9093",
    alerts: alerts.map((a) => ({
      status: a.status ?? "firing",
      labels: { alertname: "DiskFull", severity: "critical", instance: a.fp, ...a.labels },
      annotations: { summary: a.summary ?? `Disk full on ${a.fp}`, description: "95% used" },
      startsAt: a.startsAt ?? startsAt,
      endsAt: a.status === "resolved" ? "2026-11-30T10:05:00.000Z" : "0001-01-01T00:00:00Z",
      generatorURL: `http://prom.local:9090/graph?${a.fp}`,
      fingerprint: a.fp,
    })),
  };
}
const incidentsOf = (integrationId: string) => db.incident.findMany({ where: { integrationId }, orderBy: { declaredAt: "asc" }, include: { alerts: true, pages: true, updates: { orderBy: { createdAt: "asc" } } } });

describe("integrations", () => {
  it("ARCHITECT creates one: the key once, stored hashed, a ready URL and snippet; audited", async () => {
    const { integration, key } = await setup("alertmanager");
    expect(key).toMatch(/^ogi_/);
    expect(integration.url).toContain(`/api/alerts/alertmanager/${key}`);
    expect(integration.snippet).toContain("webhook_configs");
    const row = await db.integration.findUniqueOrThrow({ where: { id: integration.id } });
    expect(row.keyHash).toBe(hashIntegrationKey(key));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(await auditCount("Integration", integration.id, "integration.created")).toBe(1);
  });

  it("the curl command of each kind sends a test alert that the endpoint accepts", async () => {
    const handlers = { alertmanager: AM, grafana: GRAFANA, generic: GENERIC } as const;
    for (const kind of ["alertmanager", "grafana", "generic"] as const) {
      const { integration, key } = await setup(kind);
      const m = /^curl -X POST '([^']+)' -H 'Content-Type: application\/json' -d '([^']+)'$/.exec(integration.curl);
      expect(m, integration.curl).not.toBeNull();
      expect(m![1]).toBe(integration.url);
      const res = await send(handlers[kind], { key, raw: m![2] });
      expect(res.status, `${kind}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(await db.incident.count({ where: { integrationId: integration.id } })).toBe(1);
    }
    const pd = await setup("pagerduty");
    expect(pd.integration.curl).toContain(`"routing_key":"${pd.key}"`);
    const hb = await setup("heartbeat", { heartbeatIntervalSec: 60 });
    expect(hb.integration.curl).toBe(`curl -fsS -X POST '${hb.integration.url}'`);
  });

  it("other roles are refused and nothing is written", async () => {
    const sre = await createUser("SRE");
    const { integration } = await setup("generic");
    const before = await db.integration.count();
    await expect(createIntegration({ actor: sre, input: { name: `x ${uid()}`, kind: "generic", defaultComponentIds: [integration.defaultComponentIds[0]] } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateIntegration({ actor: sre, id: integration.id, input: { autoResolve: false } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(revokeIntegration({ actor: sre, id: integration.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.integration.count()).toBe(before);
    expect((await db.integration.findUniqueOrThrow({ where: { id: integration.id } })).autoResolve).toBe(true);
  });

  it("/api/v1/integrations: POST returns the key once, GET never shows it, PATCH and DELETE; other roles 403", async () => {
    const architect = await createUser("ARCHITECT");
    const viewer = await createUser("VIEWER");
    const component = await createComponent();
    const tok = async (a: typeof architect) => (await createApiToken({ actor: a, input: { name: "t" } })).secret;
    const [at, vt] = [await tok(architect), await tok(viewer)];
    const call = async (h: Handler, token: string, method: string, body?: unknown, id?: string) => {
      const res = await h(new Request("http://t/api/v1/integrations", { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined }), { params: Promise.resolve<Record<string, string>>(id ? { id } : {}) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> & { data?: Record<string, unknown>[] } };
    };
    const input = { name: `API ${uid()}`, kind: "grafana", defaultComponentIds: [component.id] };
    expect((await call(INT_CREATE, vt, "POST", input)).status).toBe(403);
    const created = await call(INT_CREATE, at, "POST", input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: "grafana", key: expect.stringMatching(/^ogi_/), url: expect.stringContaining("/api/alerts/grafana/") });
    const list = await call(INT_LIST, at, "GET");
    expect(JSON.stringify(list.body)).not.toContain(String(created.body.key));
    expect(list.body.data?.some((r) => r.id === created.body.id)).toBe(true);
    expect((await call(INT_LIST, vt, "GET")).status).toBe(403);
    const patched = await call(INT_PATCH, at, "PATCH", { autoResolve: false }, String(created.body.id));
    expect(patched.body).toMatchObject({ autoResolve: false, version: 2 });
    expect((await call(INT_PATCH, at, "PATCH", { name: "x".repeat(101) }, String(created.body.id))).body.error).toMatchObject({ fields: { name: expect.any(String) } });
    expect((await call(INT_DELETE, vt, "DELETE", undefined, String(created.body.id))).status).toBe(403);
    expect((await call(INT_DELETE, at, "DELETE", undefined, String(created.body.id))).status).toBe(200);
    expect((await call(INT_DELETE, at, "DELETE", undefined, String(created.body.id))).status).toBe(404);
  });

  it("bad input names the field", async () => {
    const architect = await createUser("ARCHITECT");
    await expect(createIntegration({ actor: architect, input: { name: "", kind: "nope", defaultComponentIds: [] } })).rejects.toMatchObject({ status: 400, fields: expect.objectContaining({ name: expect.any(String), kind: expect.any(String), defaultComponentIds: expect.any(String) }) });
    await expect(createIntegration({ actor: architect, input: { name: `hb ${uid()}`, kind: "heartbeat", defaultComponentIds: ["missing"] } })).rejects.toMatchObject({ fields: expect.objectContaining({ heartbeatIntervalSec: expect.any(String) }) });
  });
});

describe("Alertmanager ingest", () => {
  it("opens a P1 incident that pages level 1 at once, with detectedAt = startsAt, source and alerts in the API", async () => {
    const { integration, key, component, architect } = await setup("alertmanager");
    const res = await send(AM, { key, body: amPayload(`g-${uid()}`, [{ fp: "db1", labels: { component: component.name } }]) });
    expect(res.status).toBe(200);
    const [incident] = await incidentsOf(integration.id);
    expect(incident).toMatchObject({ severity: "P1", source: "alertmanager", title: "Disk full on db1", impact: "95% used", status: "Investigating" });
    expect(incident.alertStartedAt?.toISOString()).toBe(startsAt);
    expect(incident.pages.map((p) => p.level)).toEqual([1]);
    expect(incident.alerts).toHaveLength(1);
    const token = (await createApiToken({ actor: architect, input: { name: "t" } })).secret;
    const api = await GET_INCIDENT(new Request(`http://t/api/v1/incidents/${incident.id}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id: incident.id }) });
    const body = (await api.json()) as Record<string, unknown> & { alerts: Record<string, unknown>[] };
    expect(body).toMatchObject({ source: "alertmanager", detectedAt: startsAt });
    expect(body.alerts[0]).toMatchObject({ integrationId: integration.id, fingerprint: "db1", status: "firing", startsAt, summary: "Disk full on db1", generatorURL: "http://prom.local:9090/graph?db1" });
    expect(await auditCount("Incident", incident.id, "incident.declared")).toBe(1);
  });

  it("concurrent duplicate deliveries (retries, repeat_interval) create one incident and one alert row", async () => {
    const { integration, key } = await setup("alertmanager");
    const body = amPayload(`g-${uid()}`, [{ fp: "a" }, { fp: "b" }]);
    const results = await Promise.all(Array.from({ length: 8 }, () => send(AM, { key, body })));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const incidents = await incidentsOf(integration.id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0].alerts.map((a) => a.fingerprint).sort()).toEqual(["a", "b"]);
    expect(incidents[0].pages).toHaveLength(1);
    expect(incidents[0].updates).toHaveLength(1); // only the declaration
    expect(await auditCount("Integration", integration.id, "alerts.received")).toBe(1);
  });

  it("distinct alerts with the same summary stay distinct; a joining alert adds an internal update", async () => {
    const { integration, key } = await setup("alertmanager");
    const g = `g-${uid()}`;
    await send(AM, { key, body: amPayload(g, [{ fp: "x1", summary: "Same words" }]) });
    await send(AM, { key, body: amPayload(g, [{ fp: "x1", summary: "Same words" }, { fp: "x2", summary: "Same words" }]) });
    const [incident] = await incidentsOf(integration.id);
    expect(incident.alerts).toHaveLength(2);
    expect(incident.updates.at(-1)).toMatchObject({ public: false });
    expect(incident.updates.at(-1)?.message).toContain("1 more alert joined");
  });

  it("all alerts resolved + autoResolve → resolved with a note; firing again opens a new incident linking the previous", async () => {
    const { integration, key } = await setup("alertmanager");
    const g = `g-${uid()}`;
    await send(AM, { key, body: amPayload(g, [{ fp: "r1" }, { fp: "r2" }]) });
    await send(AM, { key, body: amPayload(g, [{ fp: "r1", status: "resolved" }, { fp: "r2" }]) });
    expect((await incidentsOf(integration.id))[0].status).toBe("Investigating");
    await send(AM, { key, body: amPayload(g, [{ fp: "r1", status: "resolved" }, { fp: "r2", status: "resolved" }], "resolved") });
    const [first] = await incidentsOf(integration.id);
    expect(first.status).toBe("Resolved");
    expect(first.resolution).toContain("Disk full on r1 (r1)");
    // the same resolved notification again: nothing new
    await send(AM, { key, body: amPayload(g, [{ fp: "r1", status: "resolved" }, { fp: "r2", status: "resolved" }], "resolved") });
    expect(await incidentsOf(integration.id)).toHaveLength(1);
    await send(AM, { key, body: amPayload(g, [{ fp: "r1", startsAt: "2026-11-30T10:10:00.000Z" }]) });
    const [, second] = await incidentsOf(integration.id);
    expect(second).toMatchObject({ status: "Investigating", previousIncidentId: first.id });
    expect(second.alerts).toHaveLength(1);
  });

  it("a repeated delivery writes nothing and answers the open incident; once a person closed it, the same payload opens a new one", async () => {
    const { integration, key, architect } = await setup("alertmanager");
    const body = amPayload(`g-${uid()}`, [{ fp: "d1" }, { fp: "d2" }]);
    const first = await send(AM, { key, body });
    const rows = async () => ({ alerts: await db.alert.count({ where: { integrationId: integration.id } }), updates: await db.incidentUpdate.count({ where: { incident: { integrationId: integration.id } } }), audits: await db.auditLog.count({ where: { entityId: { in: [integration.id, String(first.body.incidentId)] } } }) });
    const before = await rows();
    const repeat = await send(AM, { key, body });
    expect(repeat.body).toMatchObject({ incidentId: first.body.incidentId, opened: false, newAlerts: 0 });
    expect(await rows()).toEqual(before);
    // one alert changes (d2 resolves): not a repeat, it is applied
    const partial = amPayload(body.groupKey, [{ fp: "d1" }, { fp: "d2", status: "resolved" }]);
    expect((await send(AM, { key, body: partial })).body).toMatchObject({ incidentId: first.body.incidentId, resolvedAlerts: 1 });
    // Document & Close by a person while d1 still fires: the next notification opens a new incident
    await resolveIncident({ actor: architect, id: String(first.body.incidentId), input: { resolution: "Fixed by hand" } });
    const after = await send(AM, { key, body: partial });
    expect(after.body).toMatchObject({ opened: true });
    expect(after.body.incidentId).not.toBe(first.body.incidentId);
    expect((await incidentsOf(integration.id))[1]).toMatchObject({ previousIncidentId: first.body.incidentId });
  });

  it("without autoResolve: an 'alerts cleared' update and a reminder to the commander; the incident stays open", async () => {
    const { integration, key } = await setup("alertmanager", { autoResolve: false });
    const g = `g-${uid()}`;
    await send(AM, { key, body: amPayload(g, [{ fp: "c1" }]) });
    await send(AM, { key, body: amPayload(g, [{ fp: "c1", status: "resolved" }], "resolved") });
    const [incident] = await incidentsOf(integration.id);
    expect(incident.status).toBe("Investigating");
    expect(incident.updates.at(-1)?.message).toContain("All alerts cleared");
    expect(await db.outboxMessage.count({ where: { target: incident.commanderId!, subject: { startsWith: "Alerts cleared" } } })).toBe(1);
  });

  it("an alert on a component under an active maintenance window is recorded, suppressed and pages nobody", async () => {
    const { integration, key, component, architect } = await setup("alertmanager");
    const now = new Date();
    const window = await db.maintenanceWindow.create({
      data: { title: "Patch", windowStart: new Date(now.getTime() - 60_000), windowEnd: new Date(now.getTime() + 3_600_000), type: "Patching", impact: "x", rollback: "Available", contact: "x", createdById: architect.id, components: { create: [{ componentId: component.id }] } },
    });
    const res = await send(AM, { key, body: amPayload(`g-${uid()}`, [{ fp: "m1", labels: { component: component.name } }]) });
    expect(res.body).toMatchObject({ suppressed: 1, incidentId: null });
    expect(await incidentsOf(integration.id)).toHaveLength(0);
    expect(await db.alert.findMany({ where: { integrationId: integration.id } })).toMatchObject([{ suppressedByWindowId: window.id, incidentId: null }]);
  });

  it("Bearer key works; unknown and revoked keys are 404; malformed is 400 with the path; too large is 413; nothing written", async () => {
    const { integration, key, architect } = await setup("alertmanager");
    const ok = await send(AM_BEARER, { headers: { authorization: `Bearer ${key}` }, body: amPayload(`g-${uid()}`, [{ fp: "b1" }]) });
    expect(ok.status).toBe(200);
    expect((await send(AM_BEARER, { body: amPayload("g", [{ fp: "b1" }]) })).status).toBe(404);
    expect((await send(AM, { key: "ogi_nope", body: amPayload("g", [{ fp: "b1" }]) })).status).toBe(404);
    const bad = await send(AM, { key, body: { ...amPayload("g-bad", [{ fp: "b2" }]), alerts: [{ status: "firing", labels: {}, startsAt: "soon" }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields).toHaveProperty(["alerts.0.startsAt"]);
    expect((await send(AM, { key, raw: "{not json" })).status).toBe(400);
    const big = await send(AM, { key, raw: JSON.stringify({ ...amPayload("g-big", [{ fp: "b3" }]), pad: "x".repeat(600 * 1024) }) });
    expect(big.status).toBe(413);
    await revokeIntegration({ actor: architect, id: integration.id });
    const revoked = await send(AM, { key, body: amPayload("g-after", [{ fp: "b4" }]) });
    expect(revoked.status).toBe(404);
    expect((await incidentsOf(integration.id)).map((i) => i.alertGroupKey)).toHaveLength(1);
  });

  it("per-key rate limit: 429 with Retry-After", async () => {
    const { key } = await setup("generic");
    process.env.OPSGATE_ALERT_RATE_PER_MIN = "3";
    resetEnvCache();
    try {
      const body = { title: "t", status: "firing", dedupKey: `rl-${uid()}` };
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push(await send(GENERIC, { key, body }));
      const limited = statuses.find((s) => s.status === 429);
      expect(limited).toBeDefined();
      expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      delete process.env.OPSGATE_ALERT_RATE_PER_MIN;
      resetEnvCache();
    }
  });
});

describe("PagerDuty Events v2, generic and heartbeat", () => {
  it("PagerDuty: 202 exactly as PagerDuty answers; one incident per open dedup_key; resolve", async () => {
    const { integration, key, component } = await setup("pagerduty");
    const event = { routing_key: key, event_action: "trigger", dedup_key: `pd-${uid()}`, payload: { summary: "HTTP down", source: "srv01", severity: "error", component: component.name } };
    const res = await send(PD, { body: event });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: "success", message: "Event processed", dedup_key: event.dedup_key });
    await send(PD, { body: event });
    const [incident] = await incidentsOf(integration.id);
    expect(incident).toMatchObject({ severity: "P2", source: "pagerduty", title: "HTTP down" });
    expect(await incidentsOf(integration.id)).toHaveLength(1);
    const generated = await send(PD, { body: { ...event, dedup_key: undefined } });
    expect(generated.body.dedup_key).toMatch(/^[0-9a-f]{32}$/);
    await send(PD, { body: { routing_key: key, event_action: "resolve", dedup_key: event.dedup_key } });
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("Resolved");
    const bad = await send(PD, { body: { routing_key: key, event_action: "trigger", payload: { summary: "x", source: "y", severity: "fatal" } } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: "invalid event", message: "Event object is invalid" });
    expect((await send(PD, { body: { ...event, routing_key: "ogi_unknown" } })).status).toBe(404);
  });

  it("PagerDuty acknowledge: acknowledges the key's open incident as the alerts actor, audited once, idempotent; resolve after it resolves", async () => {
    const { integration, key } = await setup("pagerduty");
    const dedup_key = `pd-${uid()}`;
    const trigger = { routing_key: key, event_action: "trigger", dedup_key, payload: { summary: "API 5xx", source: "lb01", severity: "critical" } };
    // acknowledge of a key that never fired: accepted, nothing changes
    expect((await send(PD, { body: { routing_key: key, event_action: "acknowledge", dedup_key } })).status).toBe(202);
    expect(await incidentsOf(integration.id)).toHaveLength(0);
    await send(PD, { body: trigger });
    const [opened] = await incidentsOf(integration.id);
    expect(opened.acknowledgedAt).toBeNull();
    const ack = await send(PD, { body: { routing_key: key, event_action: "acknowledge", dedup_key } });
    expect(ack.status).toBe(202);
    expect(ack.body).toEqual({ status: "success", message: "Event processed", dedup_key });
    const acked = await db.incident.findUniqueOrThrow({ where: { id: opened.id }, include: { acknowledgedBy: true } });
    expect(acked.acknowledgedAt).not.toBeNull();
    expect(acked.acknowledgedBy?.email).toBe("alerts@opsgate.invalid");
    expect(await auditCount("Incident", opened.id, "incident.acknowledged")).toBe(1);
    // a retry changes nothing: same time, no second audit row
    await send(PD, { body: { routing_key: key, event_action: "acknowledge", dedup_key } });
    const again = await db.incident.findUniqueOrThrow({ where: { id: opened.id } });
    expect(again.acknowledgedAt?.getTime()).toBe(acked.acknowledgedAt?.getTime());
    expect(await auditCount("Incident", opened.id, "incident.acknowledged")).toBe(1);
    // another integration's same dedup_key does not touch this incident
    const other = await setup("pagerduty");
    await send(PD, { body: { ...trigger, routing_key: other.key } });
    const [foreign] = await incidentsOf(other.integration.id);
    expect(foreign.acknowledgedAt).toBeNull();
    await send(PD, { body: { routing_key: key, event_action: "resolve", dedup_key } });
    expect((await db.incident.findUniqueOrThrow({ where: { id: opened.id } })).status).toBe("Resolved");
    // acknowledge after resolve: accepted, no error, incident stays resolved
    expect((await send(PD, { body: { routing_key: key, event_action: "acknowledge", dedup_key } })).status).toBe(202);
    expect((await db.incident.findUniqueOrThrow({ where: { id: foreign.id } })).acknowledgedAt).toBeNull();
  });

  it("generic: dedupKey groups; severity maps through the integration's map", async () => {
    const { integration, key } = await setup("generic", { severityMap: { sev1: "P1" } });
    const dedupKey = `gen-${uid()}`;
    await send(GENERIC, { key, body: { title: "Queue stuck", status: "firing", dedupKey, severity: "sev1" } });
    await send(GENERIC, { key, body: { title: "Queue stuck", status: "firing", dedupKey, severity: "sev1" } });
    const incidents = await incidentsOf(integration.id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ severity: "P1", source: "generic" });
  });

  it("heartbeat: a missed interval opens 'Heartbeat missed: <name>' once; the next ping adds a recovery update", async () => {
    const { integration, key } = await setup("heartbeat", { heartbeatIntervalSec: 60, autoResolve: false });
    expect((await send(HEARTBEAT, { key, method: "GET" })).status).toBe(200);
    const now = new Date();
    await db.integration.update({ where: { id: integration.id }, data: { lastPingAt: new Date(now.getTime() - 59_000) } });
    expect((await checkHeartbeats(now, { scope: [integration.id] })).opened).toBe(0);
    await db.integration.update({ where: { id: integration.id }, data: { lastPingAt: new Date(now.getTime() - 61_000) } });
    expect((await checkHeartbeats(now, { scope: [integration.id] })).opened).toBe(1);
    expect((await checkHeartbeats(new Date(now.getTime() + 5000), { scope: [integration.id] })).opened).toBe(0);
    const [incident] = await incidentsOf(integration.id);
    expect(incident.title).toBe(`Heartbeat missed: ${integration.name}`);
    expect(incident.pages).toHaveLength(1);
    const ping = await send(HEARTBEAT, { key, method: "GET" });
    expect(ping.body).toMatchObject({ recovered: true });
    const [after] = await incidentsOf(integration.id);
    expect(after.updates.at(-1)?.message).toContain("All alerts cleared");
  });
});
