import { describe, expect, it } from "vitest";
import { deployGate, type GateChange } from "./deploy-gate";
import type { FreezePeriod } from "./freeze-periods";

const start = new Date("2026-12-10T20:00:00Z");
const end = new Date("2026-12-10T22:00:00Z");
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
const change: GateChange = { number: 7, status: "Scheduled", kind: "Normal", plannedStart: start, plannedEnd: end, componentGroup: "Portal" };

describe("deploy gate at the window edges", () => {
  it("1 ms before the start: refused", () => {
    const g = deployGate(change, [], [], ms(start, -1));
    expect(g.allowed).toBe(false);
    expect(g.reasons[0]).toMatch(/window opens/);
  });
  it("at the start: allowed", () => {
    expect(deployGate(change, [], [], start)).toEqual({ allowed: true, reasons: [], change: { number: 7, status: "Scheduled" }, window: { start: start.toISOString(), end: end.toISOString() } });
  });
  it("1 ms before the end: allowed", () => {
    expect(deployGate(change, [], [], ms(end, -1)).allowed).toBe(true);
  });
  it("at the end (half-open) and after: refused", () => {
    for (const at of [end, ms(end, 1)]) {
      const g = deployGate(change, [], [], at);
      expect(g.allowed).toBe(false);
      expect(g.reasons[0]).toMatch(/window closed/);
    }
  });
});

describe("deploy gate conditions", () => {
  const inside = new Date("2026-12-10T21:00:00Z");
  it("needs Approved, Scheduled or In progress", () => {
    for (const status of ["Approved", "InProgress"] as const) expect(deployGate({ ...change, status }, [], [], inside).allowed).toBe(true);
    for (const status of ["Draft", "Submitted", "Completed", "Rejected", "Cancelled"] as const) {
      const g = deployGate({ ...change, status }, [], [], inside);
      expect(g.allowed).toBe(false);
      expect(g.reasons[0]).toMatch(/a deploy needs it/);
    }
  });
  it("needs a planned window", () => {
    expect(deployGate({ ...change, plannedStart: null }, [], [], inside).reasons).toEqual(["The change has no planned window"]);
  });
  it("a freeze in force refuses a Normal change; an overridden Emergency passes", () => {
    const f: FreezePeriod = { id: "f", name: "Launch", reason: "Launch day", start: new Date("2026-12-10T21:00:00Z"), end: new Date("2026-12-11T00:00:00Z"), componentGroup: null };
    expect(deployGate(change, [f], [], ms(f.start, -1)).allowed).toBe(true);
    const g = deployGate(change, [f], [], f.start);
    expect(g.allowed).toBe(false);
    expect(g.reasons[0]).toMatch(/Freeze Launch/);
    expect(deployGate({ ...change, kind: "Emergency", freezeOverridden: true }, [f], [], f.start).allowed).toBe(true);
    expect(deployGate({ ...change, componentGroup: "Data" }, [{ ...f, componentGroup: "Portal" }], [], f.start).allowed).toBe(true);
  });
  it("an open P1/P2 on the component refuses; P3 does not", () => {
    expect(deployGate(change, [], [{ number: 3, severity: "P3", title: "slow" }], inside).allowed).toBe(true);
    const g = deployGate(change, [], [{ number: 4, severity: "P1", title: "down" }], inside);
    expect(g.allowed).toBe(false);
    expect(g.reasons[0]).toMatch(/INC-4/);
  });
});
