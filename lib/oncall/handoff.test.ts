import { describe, expect, it } from "vitest";
import { buildHandoffPacket, dueHandoff, HANDOFF_ACK_REMINDER_MS, reminderDue, type PacketChange, type PacketIncident } from "./handoff";
import type { ScheduleRotation } from "./schedule";

const D = (iso: string) => new Date(iso);
const rotation = (over: Partial<ScheduleRotation> = {}): ScheduleRotation => ({
  id: "r1",
  name: "SRE primary",
  role: "SRE",
  shiftMinutes: 1440,
  handoffMinuteUtc: 540,
  anchorAt: D("2026-01-01T09:00:00.000Z"),
  members: [
    { userId: "alice", position: 0 },
    { userId: "bob", position: 1 },
  ],
  ...over,
});

describe("dueHandoff", () => {
  it("is the scheduled handoff that started the current shift: exactly at it, and until the next one", () => {
    for (const now of ["2026-01-02T09:00:00.000Z", "2026-01-03T08:59:59.999Z"])
      expect(dueHandoff(rotation(), [], D(now))).toEqual({
        handoffAt: D("2026-01-02T09:00:00Z"),
        previousHandoffAt: D("2026-01-01T09:00:00Z"),
        nextHandoffAt: D("2026-01-03T09:00:00Z"),
        incomingId: "bob",
        outgoingId: "alice",
      });
  });

  it("overrides decide who comes in and goes out; the same person staying gets no packet", () => {
    const ov = { id: "o1", userId: "carol", startsAt: D("2026-01-02T09:00:00Z"), endsAt: D("2026-01-02T18:00:00Z") };
    expect(dueHandoff(rotation(), [ov], D("2026-01-02T10:00:00Z"))).toMatchObject({ incomingId: "carol", outgoingId: "alice" });
    const stays = { id: "o2", userId: "alice", startsAt: D("2026-01-02T08:00:00Z"), endsAt: D("2026-01-02T12:00:00Z") };
    expect(dueHandoff(rotation(), [stays], D("2026-01-02T10:00:00Z"))).toBeNull();
    expect(dueHandoff(rotation({ members: [{ userId: "solo", position: 0 }] }), [], D("2026-01-02T10:00:00Z"))).toBeNull();
  });

  it("nobody coming in (a deactivated member) gets no packet; an empty rotation neither", () => {
    expect(dueHandoff(rotation({ members: [{ userId: "alice", position: 0 }, { userId: "bob", position: 1, active: false }] }), [], D("2026-01-02T10:00:00Z"))).toBeNull();
    expect(dueHandoff(rotation({ members: [] }), [], D("2026-01-02T10:00:00Z"))).toBeNull();
  });

  it("a weekly shift seen more than 24 h after its handoff is stale: no packet", () => {
    const weekly = rotation({ shiftMinutes: 10_080 });
    expect(dueHandoff(weekly, [], D("2026-01-09T09:00:00Z"))).toMatchObject({ handoffAt: D("2026-01-08T09:00:00Z"), incomingId: "bob" });
    expect(dueHandoff(weekly, [], D("2026-01-09T09:00:00.001Z"))).toBeNull();
  });

  it("follows the wall-clock handoff across a DST change (Europe/Berlin, 09:00 local)", () => {
    const berlin = rotation({ timeZone: "Europe/Berlin", anchorAt: D("2026-03-27T00:00:00Z") });
    // 2026-03-29: CET → CEST; the shift of 03-28 08:00Z lasts 23 h until 03-29 07:00Z
    expect(dueHandoff(berlin, [], D("2026-03-29T07:30:00Z"))).toMatchObject({ handoffAt: D("2026-03-29T07:00:00Z"), previousHandoffAt: D("2026-03-28T08:00:00Z"), nextHandoffAt: D("2026-03-30T07:00:00Z") });
  });
});

describe("buildHandoffPacket", () => {
  const handoff = { previousHandoffAt: D("2026-01-01T09:00:00Z"), handoffAt: D("2026-01-02T09:00:00Z"), nextHandoffAt: D("2026-01-03T09:00:00Z") };
  const inc = (id: string, severity: string, status: string, declaredAt: string): PacketIncident => ({ id, number: 1, title: id, severity, status, declaredAt: D(declaredAt), lastUpdate: null });
  const chg = (number: number, status: string, plannedStart: string | null): PacketChange => ({ id: `c${number}`, number, description: `change ${number}`, status, plannedStart: plannedStart ? D(plannedStart) : null, plannedEnd: null });

  it("keeps what the incoming on-call needs, with the boundaries half-open", () => {
    const packet = buildHandoffPacket({
      rotation: { id: "r1", name: "SRE primary", role: "SRE" },
      handoff,
      incidents: [
        inc("old-p2", "P2", "Fixing", "2026-01-01T01:00:00Z"),
        inc("p1", "P1", "Investigating", "2026-01-02T08:00:00Z"),
        inc("done", "P1", "Resolved", "2026-01-01T02:00:00Z"),
        inc("later", "P1", "Investigating", "2026-01-02T09:30:00Z"),
        { ...inc("with-update", "P2", "Identified", "2026-01-01T05:00:00Z"), lastUpdate: { at: D("2026-01-02T07:00:00Z"), message: "rolled back" } },
      ],
      changes: [
        chg(1, "In progress", null),
        chg(2, "Scheduled", "2026-01-02T09:00:00Z"),
        chg(3, "Approved", "2026-01-03T08:59:59Z"),
        chg(4, "Scheduled", "2026-01-03T09:00:00Z"),
        chg(5, "Draft", "2026-01-02T12:00:00Z"),
        chg(6, "Completed", null),
      ],
      maintenance: [
        { id: "m1", number: 1, title: "active", windowStart: D("2026-01-02T08:00:00Z"), windowEnd: D("2026-01-02T10:00:00Z") },
        { id: "m2", number: 2, title: "ended at handoff", windowStart: D("2026-01-02T08:00:00Z"), windowEnd: D("2026-01-02T09:00:00Z") },
        { id: "m3", number: 3, title: "upcoming", windowStart: D("2026-01-02T22:00:00Z"), windowEnd: D("2026-01-02T23:00:00Z") },
        { id: "m4", number: 4, title: "after the shift", windowStart: D("2026-01-03T09:00:00Z"), windowEnd: D("2026-01-03T10:00:00Z") },
      ],
      pages: [
        { incidentId: "p1", incidentTitle: "p1", level: 1, role: "SRE", userName: "Alice", at: D("2026-01-02T08:00:00Z") },
        { incidentId: "x", incidentTitle: "x", level: 1, role: "SRE", userName: "Alice", at: D("2026-01-01T08:59:59Z") },
        { incidentId: "y", incidentTitle: "y", level: 2, role: "SYSADMIN", userName: null, at: D("2026-01-02T09:00:00Z") },
        { incidentId: "z", incidentTitle: "z", level: 1, role: "SRE", userName: "Alice", at: D("2026-01-01T09:00:00Z") },
      ],
    });
    expect(packet.openIncidents.map((i) => i.id)).toEqual(["p1", "old-p2", "with-update"]);
    expect(packet.openIncidents[2].lastUpdate).toEqual({ at: "2026-01-02T07:00:00.000Z", message: "rolled back" });
    expect(packet.changesInFlight.map((c) => c.number)).toEqual([1]);
    expect(packet.changesNextShift.map((c) => c.number)).toEqual([2, 3]);
    expect(packet.maintenanceActive.map((m) => m.id)).toEqual(["m1"]);
    expect(packet.maintenanceUpcoming.map((m) => m.id)).toEqual(["m3"]);
    expect(packet.pagesLastShift.map((p) => p.incidentId)).toEqual(["z", "p1"]);
    expect(packet).toMatchObject({ handoffAt: "2026-01-02T09:00:00.000Z", nextHandoffAt: "2026-01-03T09:00:00.000Z", rotation: { name: "SRE primary" } });
  });
});

describe("reminderDue", () => {
  const handoffAt = D("2026-01-02T09:00:00Z");
  const at = (ms: number) => new Date(handoffAt.getTime() + ms);
  it("fires once, from exactly 30 minutes after the handoff, only while unacknowledged and with someone to tell", () => {
    const p = { handoffAt, acknowledgedAt: null, reminderSentAt: null, outgoingId: "alice" };
    expect(reminderDue(p, at(HANDOFF_ACK_REMINDER_MS - 1))).toBe(false);
    expect(reminderDue(p, at(HANDOFF_ACK_REMINDER_MS))).toBe(true);
    expect(reminderDue({ ...p, acknowledgedAt: at(60_000) }, at(HANDOFF_ACK_REMINDER_MS))).toBe(false);
    expect(reminderDue({ ...p, reminderSentAt: at(HANDOFF_ACK_REMINDER_MS) }, at(2 * HANDOFF_ACK_REMINDER_MS))).toBe(false);
    expect(reminderDue({ ...p, outgoingId: null }, at(HANDOFF_ACK_REMINDER_MS))).toBe(false);
  });
});
