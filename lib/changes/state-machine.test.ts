import { describe, expect, it } from "vitest";
import { allowedTargets, CHANGE_EVENTS, CHANGE_STATUSES, EVENT_FOR_TARGET, statusFromLabel, STATUS_LABEL, transition, type ChangeEvent, type ChangeStatusKey } from "./state-machine";

const now = new Date("2026-11-22T10:00:00Z");

/** The whole table, written out: every state × every event. `null` = refused. */
const EXPECTED: Record<ChangeStatusKey, Record<ChangeEvent, ChangeStatusKey | null>> = {
  Draft: { submit: "Submitted", approve: null, reject: null, schedule: null, start: null, complete: null, fail: null, rollback: null, cancel: "Cancelled" },
  Submitted: { submit: null, approve: "Approved", reject: "Rejected", schedule: null, start: null, complete: null, fail: null, rollback: null, cancel: "Cancelled" },
  Approved: { submit: null, approve: null, reject: null, schedule: "Scheduled", start: null, complete: null, fail: null, rollback: null, cancel: "Cancelled" },
  Scheduled: { submit: null, approve: null, reject: null, schedule: null, start: "InProgress", complete: null, fail: null, rollback: null, cancel: "Cancelled" },
  InProgress: { submit: null, approve: null, reject: null, schedule: null, start: null, complete: "Completed", fail: "Failed", rollback: "RolledBack", cancel: null },
  Completed: { submit: null, approve: null, reject: null, schedule: null, start: null, complete: null, fail: null, rollback: null, cancel: null },
  Failed: { submit: null, approve: null, reject: null, schedule: null, start: null, complete: null, fail: null, rollback: "RolledBack", cancel: null },
  RolledBack: { submit: null, approve: null, reject: null, schedule: null, start: null, complete: null, fail: null, rollback: null, cancel: null },
  Rejected: { submit: null, approve: null, reject: null, schedule: null, start: null, complete: null, fail: null, rollback: null, cancel: null },
  Cancelled: { submit: null, approve: null, reject: null, schedule: null, start: null, complete: null, fail: null, rollback: null, cancel: null },
};

describe("change state machine", () => {
  for (const status of CHANGE_STATUSES) {
    for (const event of CHANGE_EVENTS) {
      const expected = EXPECTED[status][event];
      it(`${status} × ${event} → ${expected ?? "refused"}`, () => {
        const result = transition({ status }, event, now);
        if (expected) expect(result).toEqual({ ok: true, next: expected });
        else {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.reason).toMatch(new RegExp(`${event}|closed`));
        }
      });
    }
  }

  it("names the status in display form in refusals", () => {
    const r = transition({ status: "InProgress" }, "submit", now);
    expect(r).toEqual({ ok: false, reason: expect.stringContaining("In progress") });
  });

  it("maps display labels to keys and back", () => {
    for (const s of CHANGE_STATUSES) expect(statusFromLabel(STATUS_LABEL[s])).toBe(s);
    expect(statusFromLabel("RolledBack")).toBe("RolledBack");
    expect(statusFromLabel("nope")).toBeUndefined();
  });

  it("lists only the transitions allowed now (never approve/reject)", () => {
    expect(allowedTargets("Approved", now)).toEqual(["Scheduled", "Cancelled"]);
    expect(allowedTargets("InProgress", now).sort()).toEqual(["Completed", "Failed", "RolledBack"]);
    expect(allowedTargets("Completed", now)).toEqual([]);
    expect(Object.values(EVENT_FOR_TARGET)).not.toContain("approve");
  });
});
