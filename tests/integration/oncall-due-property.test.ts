import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { escalationState, type EscalationPolicy } from "../../lib/oncall/escalation";
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
};

const caseArb: fc.Arbitrary<Case> = fc.record({
  declaredOffset: fc.oneof(fc.integer({ min: -H, max: 3 * H }), fc.constantFrom(0, 1, -1, 15 * 60_000, 30 * 60_000, 60 * 60_000)),
  stop: fc.option(fc.record({ kind: fc.constantFrom("ack" as const, "resolve" as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }), { freq: 3 }),
  paged: fc.subarray([1, 2, 3, 4]),
});

// Ascending thresholds for levels 2..4, in ms; small ones hit the boundaries often.
const policyArb: fc.Arbitrary<EscalationPolicy> = fc
  .tuple(fc.integer({ min: 1, max: 2 * H }), fc.integer({ min: 0, max: 2 * H }), fc.integer({ min: 0, max: 2 * H }))
  .map(([a, b, c]) => ({ stepsMs: [a, a + b, a + b + c] as [number, number, number] }));

let declarerId: string;

beforeAll(async () => {
  declarerId = (await createUser("SRE")).id;
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
          };
        });
        // Two statements per run (cheap on the embedded database too): the incidents, then their pages.
        const created = rows.map(() => randomUUID());
        await db.incident.createMany({
          data: rows.map((r, i) => ({
            id: created[i],
            title: `Property ${uid()}`,
            severity: "P2" as const,
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
