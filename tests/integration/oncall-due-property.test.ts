import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { escalationState, type EscalationPolicy } from "../../lib/oncall/escalation";
import { defaultPolicy } from "../../lib/oncall/policy";
import { dueIncidentIds } from "../../lib/oncall/tick-escalations";
import { createUser, uid } from "../support/factories";

/**
 * `dueIncidentIds` re-states the escalation due-rule in SQL so that one query
 * finds the candidates among thousands of open incidents. This property holds
 * it to the pure rule: for random instants, policies and already-paged levels,
 * the query selects exactly the incidents that `escalationState` says are
 * still escalating with a due level nobody was paged for.
 * The rows are raw inserts on purpose: the subject is the SQL over stored rows.
 */

const T0 = Date.parse("2026-06-01T00:00:00.000Z");
const H = 3_600_000;

type Case = {
  declaredOffset: number; // ms before `now` (negative: declared after now)
  stop: null | { kind: "ack" | "resolve"; fraction: number }; // when, as a fraction of declared → now
  paged: number[]; // levels already paged (any subset, policy changes make gaps possible)
  severity: "P1" | "P2" | "P3";
  edge: boolean; // on a component of the "edge" group (the group override)
};

const caseArb: fc.Arbitrary<Case> = fc.record({
  declaredOffset: fc.oneof(fc.integer({ min: -H, max: 3 * H }), fc.constantFrom(0, 1, -1, 15 * 60_000, 30 * 60_000, 60 * 60_000)),
  stop: fc.option(fc.record({ kind: fc.constantFrom("ack" as const, "resolve" as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }), { freq: 3 }),
  paged: fc.subarray([1, 2, 3, 4, 5, 6]),
  severity: fc.constantFrom("P1" as const, "P2" as const, "P3" as const),
  edge: fc.boolean(),
});

// Ascending thresholds for levels 2..4, in whole seconds (the policy's resolution); small ones hit the boundaries often.
// Optionally: a named human escalation (level 5, P1/P2 only), a faster P1 ladder repeated once, and a
// group override for the "edge" group — the SQL must pick the same ladder as selectLadder.
const stepsArb = fc
  .tuple(fc.integer({ min: 1, max: 7200 }), fc.integer({ min: 0, max: 7200 }), fc.integer({ min: 0, max: 7200 }))
  .map(([a, b, c]) => [a * 1000, (a + b) * 1000, (a + b + c) * 1000] as [number, number, number]);
const policyArb: fc.Arbitrary<EscalationPolicy> = fc
  .record({ steps: stepsArb, human: fc.boolean(), p1: fc.option(stepsArb, { freq: 2 }), group: fc.option(stepsArb, { freq: 2 }) })
  .map(({ steps, human, p1, group }) => {
    const base = defaultPolicy(steps);
    if (human) base.ladder.levels[4] = { ...base.ladder.levels[4], target: { kind: "people", userIds: ["someone"], emails: [] } };
    const ladderOf = (s: [number, number, number], repeat: number) => ({ ...defaultPolicy(s).ladder, repeat, repeatAfterMinutes: 1 });
    return { ...base, severityOverrides: p1 ? { P1: ladderOf(p1, 1) } : {}, groupOverrides: group ? [{ group: "edge", ladder: ladderOf(group, 0) }] : [] };
  });

let declarerId: string;
let edgeComponentId: string;

beforeAll(async () => {
  declarerId = (await createUser("SRE")).id;
  edgeComponentId = (await db.component.create({ data: { name: `Edge ${uid()}`, group: "edge", ownerRole: "NETWORK" } })).id;
});

describe("dueIncidentIds agrees with escalationState", () => {
  it("selects exactly the escalating incidents with an unpaged due level", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 400 * H }), policyArb, fc.array(caseArb, { minLength: 1, maxLength: 12 }), async (nowOffset, policy, cases) => {
        const now = new Date(T0 + nowOffset);
        const rows = cases.map((c) => {
          const declaredAt = new Date(now.getTime() - c.declaredOffset);
          // A stop is a fact of the past: between declaration and now (stored rows never hold future acks).
          const stopAt = c.stop && c.declaredOffset >= 0 ? new Date(declaredAt.getTime() + Math.floor(c.declaredOffset * c.stop.fraction)) : null;
          return {
            c,
            declaredAt,
            acknowledgedAt: stopAt && c.stop?.kind === "ack" ? stopAt : null,
            resolvedAt: stopAt && c.stop?.kind === "resolve" ? stopAt : null,
            severity: c.severity,
            componentGroups: c.edge ? ["edge"] : [],
          };
        });
        // Two statements per run (cheap on the embedded database too): the incidents, then their pages.
        const created = rows.map(() => randomUUID());
        await db.incident.createMany({
          data: rows.map((r, i) => ({
            id: created[i],
            title: `Property ${uid()}`,
            severity: r.c.severity,
            status: r.resolvedAt ? ("Resolved" as const) : ("Investigating" as const),
            impact: "x",
            currentAction: "y",
            declaredById: declarerId,
            declaredAt: r.declaredAt,
            lastUpdateAt: r.declaredAt,
            acknowledgedAt: r.acknowledgedAt,
            resolvedAt: r.resolvedAt,
            resolution: r.resolvedAt ? "done" : null,
          })),
        });
        await db.incidentComponent.createMany({ data: rows.flatMap((r, i) => (r.c.edge ? [{ incidentId: created[i], componentId: edgeComponentId }] : [])) });
        await db.escalationPage.createMany({
          data: rows.flatMap((r, i) => r.c.paged.map((level) => ({ incidentId: created[i], level, role: "SRE" as const, dueAt: r.declaredAt, at: r.declaredAt }))),
        });
        const expected = rows
          .map((r, i) => ({ id: created[i], state: escalationState(r, policy, now), paged: new Set(r.c.paged) }))
          .filter(({ state, paged }) => !state.stopped && state.due.some((level) => !paged.has(level)))
          .map(({ id }) => id)
          .sort();
        const selected = (await dueIncidentIds(now, policy, 1000, created)).sort();
        expect(selected).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
