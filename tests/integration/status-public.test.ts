import { describe, expect, it } from "vitest";
import { GET as v2GET } from "../../app/api/v2/[...path]/route";
import { GET as statusGET } from "../../app/status/route";
import { audit } from "../../lib/audit";
import { db } from "../../lib/db/client";
import { acknowledgeIncident } from "../../lib/incidents/acknowledge-incident";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { postIncidentUpdate } from "../../lib/incidents/post-incident-update";
import { createMaintenance } from "../../lib/maintenance/create-maintenance";
import { notifyMaintenance } from "../../lib/maintenance/notify-maintenance";
import { renderPublicPath } from "../../lib/status/public-routes";
import { buildSnapshotSet } from "../../lib/status/snapshot";
import { V2_NAMES } from "../../lib/status/statuspage-v2";
import { v2IncidentDocumentSchema, v2MaintenanceDocumentSchema, V2_SCHEMAS } from "../../lib/status/statuspage-v2-schema";
import { createComponent, createUser, uid } from "../support/factories";

/** Internal-only data with unique markers; then every public response is scanned for them. */
async function seedLeakCase() {
  const m = `LEAK${uid()}`;
  const responder = await createUser("SRE", { name: `Responder ${m}name`, email: `${m.toLowerCase()}mail@example.test` });
  const pub = await createComponent("NETWORK", { name: `Public edge ${uid()}`, group: "Network" });
  const hidden = await createComponent("NETWORK", { name: `Hidden ${m}comp`, group: `Secret ${m}group`, public: false });
  const now = new Date();
  const declaredAt = new Date(now.getTime() - 30 * 60_000);
  const incident = await declareIncident({
    actor: responder,
    input: { title: `Public title ${uid()}`, severity: "P2", impact: `Internal impact ${m}impact`, currentAction: `Internal action ${m}action`, componentIds: [pub.id, hidden.id], commanderId: responder.id, message: `Declared ${m}declared`, public: false },
    now: declaredAt,
  });
  await acknowledgeIncident({ actor: responder, id: incident.id, now: declaredAt });
  const publicMessage = `Published message ${uid()}`;
  await postIncidentUpdate({ actor: responder, id: incident.id, input: { message: publicMessage, public: true }, now: new Date(declaredAt.getTime() + 60_000) });
  await postIncidentUpdate({ actor: responder, id: incident.id, input: { status: "Identified", message: `Internal note ${m}internal`, impact: `${m}updimpact`, public: false }, now: new Date(declaredAt.getTime() + 120_000) });
  // An incident with only internal updates is not public at all.
  const secretIncident = await declareIncident({
    actor: responder,
    input: { title: `Secret incident ${m}title`, severity: "P1", impact: "x", currentAction: "x", componentIds: [pub.id], message: `Only internal ${m}only`, public: false },
    now: declaredAt,
  });
  // Maintenance: a notified window is public (its contact/creator are not); an unnotified one is not.
  const windowStart = new Date(now.getTime() + 86_400_000);
  const windowEnd = new Date(windowStart.getTime() + 3_600_000);
  const created = await createMaintenance({
    actor: responder,
    input: { title: `Patch night ${uid()}`, windowStart, windowEnd, componentIds: [pub.id, hidden.id], type: "Patching", impact: "Short blips", rollback: "Available", contact: `Contact ${m}contact` },
    now,
  });
  const notified = (await notifyMaintenance({ actor: responder, input: { id: created.id }, now })).window;
  await createMaintenance({
    actor: responder,
    input: { title: `Draft window ${m}draft`, windowStart, windowEnd, componentIds: [pub.id], type: "Upgrade", impact: "Resets", rollback: "Available", contact: "x" },
    now,
  });
  await db.$transaction((tx) => audit(tx, { actor: responder, action: "incident.updated", entity: "Incident", entityId: incident.id, data: { note: `${m}audit` } }));
  return { m, responder, pub, hidden, incident, secretIncident, publicMessage, notified };
}

const PUBLIC_PATHS = ["/status", "/status/history", "/status/history/page/2", "/status/feed.atom", "/status/maintenance.ics", "/status/badge.svg", ...V2_NAMES.map((n) => `/api/v2/${n}`)];

describe("public status data", () => {
  it("v2 endpoints validate against Atlassian's shapes and show the published incident", async () => {
    const c = await seedLeakCase();
    for (const name of V2_NAMES) {
      const res = await v2GET(new Request(`http://t/api/v2/${name}`));
      expect(res.status, name).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/json");
      const body: unknown = await res.json();
      const parsed = V2_SCHEMAS[name].safeParse(body);
      expect(parsed.success, `${name}: ${parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3))}`).toBe(true);
    }
    const summary = (await (await v2GET(new Request("http://t/api/v2/summary.json"))).json()) as { incidents: { id: string; status: string; impact: string; incident_updates: { body: string }[]; components: { id: string }[] }[]; scheduled_maintenances: { id: string }[]; components: { id: string; status: string }[] };
    const inc = summary.incidents.find((i) => i.id === c.incident.id);
    expect(inc).toMatchObject({ status: "identified", impact: "major" });
    expect(inc?.incident_updates.map((u) => u.body)).toEqual([c.publicMessage]);
    expect(inc?.components.map((x) => x.id)).toEqual([c.pub.id]);
    expect(summary.incidents.find((i) => i.id === c.secretIncident.id)).toBeUndefined();
    expect(summary.scheduled_maintenances.map((x) => x.id)).toContain(c.notified.id);
    expect(summary.components.map((x) => x.id)).toContain(c.pub.id);
    expect(summary.components.map((x) => x.id)).not.toContain(c.hidden.id);
  });

  it("per-id v2 documents: /api/v2/incidents/{id}.json and /api/v2/scheduled-maintenances/{id}.json (404 for what is not public)", async () => {
    const c = await seedLeakCase();
    const later = new Date();
    await postIncidentUpdate({ actor: c.responder, id: c.incident.id, input: { message: `Worse ${uid()}`, componentStatus: "major_outage", public: true }, now: later });
    const res = await v2GET(new Request(`http://t/api/v2/incidents/${c.incident.id}.json`));
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const doc: unknown = await res.json();
    const parsed = v2IncidentDocumentSchema.safeParse(doc);
    expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
    const inc = parsed.success ? parsed.data.incident : null;
    expect(inc?.id).toBe(c.incident.id);
    // newest first: the explicit major_outage, then the first public update (P2 → partial_outage)
    expect(inc?.incident_updates.map((u) => u.affected_components)).toEqual([
      [{ code: c.pub.id, name: c.pub.name, old_status: "partial_outage", new_status: "major_outage" }],
      [{ code: c.pub.id, name: c.pub.name, old_status: "operational", new_status: "partial_outage" }],
    ]);
    const components = ((await (await v2GET(new Request("http://t/api/v2/components.json"))).json()) as { components: { id: string; position: number }[] }).components;
    expect(inc?.components[0].position).toBe(components.find((x) => x.id === c.pub.id)?.position);

    const m = await v2GET(new Request(`http://t/api/v2/scheduled-maintenances/${c.notified.id}.json`));
    expect(m.status).toBe(200);
    const mdoc = v2MaintenanceDocumentSchema.parse(await m.json());
    expect(mdoc.scheduled_maintenance).toMatchObject({ id: c.notified.id, status: "scheduled" });
    expect(mdoc.scheduled_maintenance.incident_updates.map((u) => u.status)).toEqual(["scheduled"]);

    for (const p of [`/api/v2/incidents/${c.secretIncident.id}.json`, "/api/v2/incidents/nope.json", "/api/v2/scheduled-maintenances/nope.json"]) {
      expect((await v2GET(new Request(`http://t${p}`))).status, p).toBe(404);
    }
    // the snapshot serves the same bytes as the on-demand handler
    const snap = await buildSnapshotSet(new Date());
    expect(JSON.parse(snap.entries.get(`/api/v2/incidents/${c.incident.id}.json`)?.body.toString("utf8") ?? "null")).toEqual(doc);
  });

  it("the status page lists the incident and its published update", async () => {
    const c = await seedLeakCase();
    const res = await statusGET(new Request("http://t/status"));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(c.incident.title);
    expect(page).toContain(c.publicMessage);
    expect(page).toContain(c.notified.title);
    const one = await renderPublicPath(`/status/incidents/${c.incident.id}`, new URLSearchParams());
    expect(one.status).toBe(200);
    expect(one.body).toContain(c.publicMessage);
    expect((await renderPublicPath(`/status/incidents/${c.secretIncident.id}`, new URLSearchParams())).status).toBe(404);
    expect((await renderPublicPath("/status/badge.svg", new URLSearchParams({ component: c.hidden.id }))).status).toBe(404);
  });

  it("LEAK SCAN: no internal marker in any public response (on-demand and snapshot)", async () => {
    const c = await seedLeakCase();
    const bodies: [string, string][] = [];
    for (const p of [...PUBLIC_PATHS, `/status/incidents/${c.incident.id}`]) {
      const r = await renderPublicPath(p, new URLSearchParams());
      bodies.push([p, r.body]);
    }
    for (const q of [c.pub.id, c.pub.name]) bodies.push([`badge ${q}`, (await renderPublicPath("/status/badge.svg", new URLSearchParams({ component: q }))).body]);
    const snap = await buildSnapshotSet(new Date());
    for (const [k, e] of snap.entries) bodies.push([`snapshot ${k}`, e.body.toString("utf8")]);
    expect(bodies.length).toBeGreaterThan(20);
    const markers = [c.m, c.m.toLowerCase(), c.responder.email, c.responder.name, c.hidden.id];
    for (const [p, body] of bodies) for (const marker of markers) expect(body.includes(marker), `${marker} leaked in ${p}`).toBe(false);
    // and the public data really is there (the scan is not vacuous)
    expect(bodies.find(([p]) => p === "/status")?.[1]).toContain(c.publicMessage);
  });
});
