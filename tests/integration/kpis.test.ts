import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { POST as POST_CHANGE } from "../../app/api/v1/changes/route";
import { GET as GET_COSTS, POST as POST_COSTS } from "../../app/api/v1/kpis/costs/route";
import { GET as GET_KPIS } from "../../app/api/v1/kpis/route";
import { createChange } from "../../lib/changes/create-change";
import { db } from "../../lib/db/client";
import type { KpiReport } from "../../lib/kpis/report";
import { uid } from "../support/factories";
import { fullInput } from "./changes-helpers";
import { history, MIN } from "./kpis-history";
const get = (handler: (req: Request) => Promise<Response>, token: string | null, qs: string) =>
  handler(new Request(`http://t/api/v1/kpis${qs}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }));
const post = (token: string, body: unknown) =>
  POST_COSTS(new Request("http://t/api/v1/kpis/costs", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }));

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
    const notANumber = await post(h.tokens.architect, { group: h.group, month: "2026-05", amount: "lots" });
    expect(notANumber.status).toBe(400);
    expect(Object.keys(((await notANumber.json()) as { error: { fields: Record<string, string> } }).error.fields)).toEqual(["amount"]);
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
