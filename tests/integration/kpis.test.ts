import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { POST as POST_CHANGE } from "../../app/api/v1/changes/route";
import { GET as GET_COSTS, POST as POST_COSTS } from "../../app/api/v1/kpis/costs/route";
import { GET as GET_KPIS } from "../../app/api/v1/kpis/route";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { approveChange } from "../../lib/changes/approve-change";
import { createChange } from "../../lib/changes/create-change";
import { transitionChange } from "../../lib/changes/transition-change";
import { updateComponent } from "../../lib/components/update-component";
import { db } from "../../lib/db/client";
import { acknowledgeIncident } from "../../lib/incidents/acknowledge-incident";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { postIncidentUpdate } from "../../lib/incidents/post-incident-update";
import { resolveIncident } from "../../lib/incidents/resolve-incident";
import type { KpiReport } from "../../lib/kpis/report";
import { createComponent, createUser, uid } from "../support/factories";
import { fullInput, linkWindow } from "./changes-helpers";

const at = (s: string) => new Date(s);
const MIN = 60_000;
const get = (handler: (req: Request) => Promise<Response>, token: string | null, qs: string) =>
  handler(new Request(`http://t/api/v1/kpis${qs}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }));
const post = (token: string, body: unknown) =>
  POST_COSTS(new Request("http://t/api/v1/kpis/costs", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }));

/**
 * A known history in one component group (so other test files' data never
 * counts), period 2026-06-01 … 06-11 (10 days = 14,400 min per component):
 *  A: INC1 P1 06-02 10:00–11:00 (ack +10); INC2 P2 10:30–12:30 (ack +20), degraded from 12:00.
 *     → major 10:00–11:00 (60) + partial 11:00–12:00 (60 × 0.3 = 18) = 78 min down.
 *  B: INC3 P1 05-31 23:00 – 06-01 01:00 (declared in the previous period: 60 min inside this one),
 *     INC4 P1 06-05 00:00–01:00 (alert 23:56, ack +5) with maintenance 00:30–01:30 → 30 min down, 60 min maintenance.
 *  MTTA [10, 20, 5] → mean 11.67, median 10, p90 18; MTTR [60, 120, 60] → mean 80, median 60, p90 108.
 *  Changes on A: 2 Completed, 1 Failed → 66.67 %. Costs: June 2025 1000.00, June 2026 850.00 → −15 %.
 */
async function history() {
  const group = `KPI ${uid()}`;
  const a = await createComponent("NETWORK", { group, name: `KPI A ${uid()}` });
  const b = await createComponent("NETWORK", { group, name: `KPI B ${uid()}` });
  await db.component.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { createdAt: at("2026-01-01T00:00:00Z") } });
  const [sre, owner, requester, architect, viewer] = await Promise.all([createUser("SRE"), createUser("NETWORK"), createUser("AUTOMATION"), createUser("ARCHITECT"), createUser("VIEWER")]);

  const incident = async (componentId: string, severity: string, declared: string, ackMin: number, resolved: string, extra: Record<string, unknown> = {}) => {
    const now = at(declared);
    const i = await declareIncident({ actor: sre, now, input: { title: `KPI ${uid()}`, severity, impact: "x", currentAction: "y", componentIds: [componentId], ...extra } });
    await acknowledgeIncident({ actor: sre, id: i.id, now: new Date(now.getTime() + ackMin * MIN) });
    return { id: i.id, resolve: () => resolveIncident({ actor: sre, id: i.id, now: at(resolved), input: { resolution: "Fixed and documented" } }) };
  };
  const i1 = await incident(a.id, "P1", "2026-06-02T10:00:00Z", 10, "2026-06-02T11:00:00Z");
  const i2 = await incident(a.id, "P2", "2026-06-02T10:30:00Z", 20, "2026-06-02T12:30:00Z");
  await i1.resolve();
  await postIncidentUpdate({ actor: sre, id: i2.id, now: at("2026-06-02T12:00:00Z"), input: { message: "Mostly back", componentStatus: "degraded_performance" } });
  await i2.resolve();
  const i3 = await incident(b.id, "P1", "2026-05-31T23:00:00Z", 5, "2026-06-01T01:00:00Z");
  await i3.resolve();
  const i4 = await incident(b.id, "P1", "2026-06-05T00:00:00Z", 5, "2026-06-05T01:00:00Z", { alertStartedAt: "2026-06-04T23:56:00Z" });
  await i4.resolve();
  await db.maintenanceWindow.create({
    data: {
      title: `KPI window ${uid()}`,
      windowStart: at("2026-06-05T00:30:00Z"),
      windowEnd: at("2026-06-05T01:30:00Z"),
      type: "Patching",
      impact: "Reboots",
      rollback: "Available",
      contact: "SRE on-call",
      createdById: architect.id,
      components: { create: [{ componentId: b.id }] },
    },
  });

  for (const outcome of ["Completed", "Completed", "Failed"] as const) {
    const now = at("2026-06-03T08:00:00Z");
    const c = await createChange({ actor: requester, now, input: fullInput(a.id, { submit: true }) });
    await linkWindow(c.id, a.id, requester);
    await approveChange({ actor: owner, now, input: { id: c.id } });
    await transitionChange({ actor: requester, now, input: { id: c.id, to: "Scheduled" } });
    await transitionChange({ actor: requester, now, input: { id: c.id, to: "In progress" } });
    await transitionChange({ actor: requester, now: at("2026-06-04T09:00:00Z"), input: { id: c.id, to: outcome } });
  }
  await updateComponent({ actor: architect, id: a.id, input: { iacManaged: true, iacRepository: "https://git.example.com/infra/a" } });

  const token = async (actor: Actor) => (await createApiToken({ actor, input: { name: "kpi" } })).secret;
  return { group, a, b, sre, requester, architect, viewer, ids: { i1: i1.id, i2: i2.id, i3: i3.id, i4: i4.id }, tokens: { viewer: await token(viewer), architect: await token(architect), requester: await token(requester) } };
}

const PERIOD = "from=2026-06-01T00:00:00Z&to=2026-06-11T00:00:00Z";

describe("KPIs over a known history", () => {
  it("every figure on the API and the CSV matches the hand-computed values", async () => {
    const h = await history();
    const posted = await post(h.tokens.architect, { entries: [{ group: h.group, month: "2025-06", amount: 1000 }, { group: h.group, month: "2026-06", amount: 850, note: "billing export" }] });
    expect(posted.status).toBe(201);

    const res = await get(GET_KPIS, h.tokens.viewer, `?${PERIOD}&group=${encodeURIComponent(h.group)}`);
    expect(res.status).toBe(200);
    const r = (await res.json()) as KpiReport;
    const A = r.availability.components.find((c) => c.id === h.a.id)!;
    const B = r.availability.components.find((c) => c.id === h.b.id)!;
    expect(A.downtimeMs / MIN).toBeCloseTo(78, 6);
    expect(A.availability).toBeCloseTo(100 * (1 - 78 / 14_400), 8);
    expect(A.incidentIds.sort()).toEqual([h.ids.i1, h.ids.i2].sort());
    expect(B).toMatchObject({ maintenanceMs: 60 * MIN, observedMs: 14_340 * MIN });
    expect(B.downtimeMs / MIN).toBeCloseTo(90, 6);
    const overall = 100 * (1 - 168 / 28_740);
    expect(r.availability.overall.availability).toBeCloseTo(overall, 8);
    // 99.9 % of 28,740 min allows 28.74 min
    expect(r.availability.overall.errorBudgetLeftMs! / MIN).toBeCloseTo(28.74 - 168, 6);

    expect(r.response.declared).toBe(3);
    expect(r.response.mtta.meanMs! / MIN).toBeCloseTo(35 / 3, 6);
    expect(r.response.mtta.medianMs! / MIN).toBeCloseTo(10, 6);
    expect(r.response.mtta.p90Ms! / MIN).toBeCloseTo(18, 6);
    expect(r.response.mttr.meanMs! / MIN).toBeCloseTo(80, 6);
    expect(r.response.mttr.p90Ms! / MIN).toBeCloseTo(108, 6);
    expect(r.response.bySeverity.find((s) => s.severity === "P2")!.mttr.meanMs! / MIN).toBeCloseTo(120, 6);
    expect(r.detection).toMatchObject({ count: 1, meanMs: 4 * MIN, incidentIds: [h.ids.i4] });
    expect(r.changes).toMatchObject({ completed: 2, failed: 1, rolledBack: 0 });
    expect(r.changes.rate).toBeCloseTo(200 / 3, 8);
    expect(r.iac).toMatchObject({ components: 2, managed: 1, componentShare: 50, changes: 3, viaToken: 0, changeShare: 0 });
    expect(r.cost.groups).toEqual([{ group: h.group, currentCents: 85_000, previousCents: 100_000, months: 1, yoyPercent: -15 }]);

    const fig = Object.fromEntries(r.figures.map((f) => [f.key, f]));
    expect(fig.availability).toMatchObject({ state: "red" });
    expect(fig.mttr.actual).toBeCloseTo(80, 6);
    expect(fig.mttr.previous).toBeCloseTo(120, 6); // INC3, declared in the previous period
    expect(fig.mtta.state).toBe("green");
    expect(fig.change_success.state).toBe("red");
    expect(fig.detection).toMatchObject({ actual: 4, state: "green", previous: null });
    expect(fig.cost_yoy).toMatchObject({ actual: -15, state: "green" });
    expect(r.weekly.map((w) => w.week)).toEqual(["2026-06-01", "2026-06-08"]);
    expect(r.weekly[0]).toMatchObject({ incidents: 3, changeSuccess: expect.closeTo(200 / 3, 6) });

    // The CSV says the same, read back by an independent parser.
    const csv = async (table: string) => {
      const res = await get(GET_KPIS, h.tokens.viewer, `?${PERIOD}&group=${encodeURIComponent(h.group)}&format=csv&table=${table}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      return parse(await res.text(), { columns: true }) as Record<string, string>[];
    };
    const av = await csv("availability");
    expect(av).toHaveLength(2);
    expect(Number(av.find((x) => x.component_id === h.a.id)!.downtime_minutes)).toBeCloseTo(78, 3);
    expect(Number(av.find((x) => x.component_id === h.b.id)!.maintenance_minutes)).toBe(60);
    const resp = await csv("response");
    expect(resp[0]).toMatchObject({ severity: "all", declared: "3", mtta_median_minutes: "10", mttr_mean_minutes: "80", mttr_p90_minutes: "108" });
    const summary = await csv("summary");
    expect(summary.find((x) => x.kpi === "cost_yoy")).toMatchObject({ actual: "-15", state: "green", target: "<= -10" });
    expect((await csv("changes"))[0]).toMatchObject({ component_id: h.a.id, completed: "2", failed: "1" });
    expect((await csv("cost"))[0]).toMatchObject({ group: h.group, current: "850", year_before: "1000" });
  });

  it("counts changes filed through an API token for the IaC figure", async () => {
    const h = await history();
    const body = fullInput(h.a.id);
    const res = await POST_CHANGE(new Request("http://t/api/v1/changes", { method: "POST", headers: { authorization: `Bearer ${h.tokens.requester}`, "content-type": "application/json" }, body: JSON.stringify(body) }));
    expect(res.status).toBe(201);
    await createChange({ actor: h.requester, input: fullInput(h.a.id) });
    const r = (await (await get(GET_KPIS, h.tokens.viewer, `?period=7d&group=${encodeURIComponent(h.group)}`)).json()) as KpiReport;
    expect(r.iac).toMatchObject({ changes: 2, viaToken: 1, changeShare: 50 });
  });

  it("400 with field names for a bad query; 401 without a token", async () => {
    const h = await history();
    const fields = async (qs: string) => {
      const res = await get(GET_KPIS, h.tokens.viewer, qs);
      expect(res.status).toBe(400);
      return Object.keys(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).sort();
    };
    expect(await fields("?severity=P9&period=1y")).toEqual(["period", "severity"]);
    expect(await fields("?from=2026-06-10&to=2026-06-01&format=csv")).toEqual(["table", "to"]);
    expect(await fields("?from=2026-06-10")).toEqual(["to"]);
    expect((await get(GET_KPIS, h.tokens.viewer, "?from=yesterday&to=2026-06-01")).status).toBe(400);
    expect((await get(GET_KPIS, null, "")).status).toBe(401);
  });

  it("cost entry: ARCHITECT only, validated, audited; a refusal writes nothing", async () => {
    const h = await history();
    const before = await db.costEntry.count({ where: { group: h.group } });
    const audits = await db.auditLog.count({ where: { entity: "CostEntry" } });
    expect((await post(h.tokens.viewer, { group: h.group, month: "2026-05", amount: 10 })).status).toBe(403);
    expect((await post(h.tokens.requester, { group: h.group, month: "2026-05", amount: 10 })).status).toBe(403);
    const invalid = await post(h.tokens.architect, { group: h.group, month: "2026-13", amount: -1, currency: "euro" });
    expect(invalid.status).toBe(400);
    expect(Object.keys(((await invalid.json()) as { error: { fields: Record<string, string> } }).error.fields).sort()).toEqual(["amount", "currency", "month"]);
    const unknown = await post(h.tokens.architect, { entries: [{ group: h.group, month: "2026-05", amount: 1 }, { group: `nope ${uid()}`, month: "2026-05", amount: 1 }] });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(["entries.1.group"]);
    expect(await db.costEntry.count({ where: { group: h.group } })).toBe(before);
    expect(await db.auditLog.count({ where: { entity: "CostEntry" } })).toBe(audits);

    expect((await post(h.tokens.architect, { group: h.group, month: "2026-05", amount: 10.5 })).status).toBe(201);
    const again = await post(h.tokens.architect, { group: h.group, month: "2026-05", amount: 12 });
    expect(again.status).toBe(201);
    const row = await db.costEntry.findFirstOrThrow({ where: { group: h.group } });
    expect(Number(row.amountCents)).toBe(1200);
    expect(await db.auditLog.findMany({ where: { entity: "CostEntry", entityId: row.id }, orderBy: { id: "asc" }, select: { action: true } })).toEqual([{ action: "cost.recorded" }, { action: "cost.updated" }]);
    const list = await (await get(GET_COSTS, h.tokens.viewer, `/costs?group=${encodeURIComponent(h.group)}`)).json();
    expect(list.data).toEqual([expect.objectContaining({ group: h.group, month: "2026-05", amount: 12, currency: "EUR" })]);
  });
});
