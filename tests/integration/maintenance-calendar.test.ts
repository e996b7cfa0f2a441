import { describe, expect, it } from "vitest";
import { calendarRange, overlappingWork } from "../../lib/maintenance/calendar";
import { createMaintenance } from "../../lib/maintenance/create-maintenance";
import { getCalendar } from "../../lib/maintenance/queries";
import { createComponent, createUser, uid } from "../support/factories";
import { changeIn } from "./changes-helpers";

const NOW = new Date("2033-07-01T00:00:00Z");

describe("change calendar", () => {
  it("shows planned changes (Approved/Scheduled/In progress) and windows, and flags unrelated overlapping work on a component", async () => {
    const engineer = await createUser("NETWORK");
    const c = await createComponent("NETWORK");
    const change = (status: "Approved" | "Scheduled" | "InProgress" | "Submitted", start: string, end: string | null) =>
      changeIn(status, engineer, c.id, { description: `Cal ${uid()}`, plannedStart: start, ...(end ? { plannedEnd: end } : {}) });
    const approved = await change("Approved", "2033-07-06T02:00:00Z", "2033-07-06T04:00:00Z");
    const linked = await change("Scheduled", "2033-07-07T02:00:00Z", "2033-07-07T04:00:00Z");
    const openEnded = await change("InProgress", "2033-07-08T10:00:00Z", null);
    const submitted = await change("Submitted", "2033-07-06T02:00:00Z", "2033-07-06T04:00:00Z");
    const base = { componentIds: [c.id], type: "Upgrade", impact: "Resets", rollback: "Available", contact: "NOC" };
    const clashing = await createMaintenance({ actor: engineer, input: { ...base, title: `Clash ${uid()}`, windowStart: "2033-07-06T03:00:00Z", windowEnd: "2033-07-06T05:00:00Z" }, now: NOW });
    const own = await createMaintenance({ actor: engineer, input: { ...base, title: `Own ${uid()}`, windowStart: "2033-07-07T02:00:00Z", windowEnd: "2033-07-07T04:00:00Z", changeIds: [linked.id] }, now: NOW });

    const range = calendarRange("week", new Date("2033-07-06T00:00:00Z"));
    const { items, links } = await getCalendar(range.from, range.to);
    const mine = items.filter((i) => i.componentIds.includes(c.id));
    const keys = mine.map((i) => i.key).sort();
    expect(keys).toEqual([`cr:${approved.id}`, `cr:${linked.id}`, `cr:${openEnded.id}`, `mw:${clashing.id}`, `mw:${own.id}`].sort());
    expect(keys).not.toContain(`cr:${submitted.id}`);
    expect(mine.find((i) => i.key === `cr:${openEnded.id}`)?.end.toISOString()).toBe("2033-07-08T11:00:00.000Z");

    const clashes = overlappingWork(mine, (a, b) => links.has(`${a.key}|${b.key}`) || links.has(`${b.key}|${a.key}`));
    expect(Object.fromEntries(clashes)).toEqual({ [`cr:${approved.id}`]: [`mw:${clashing.id}`], [`mw:${clashing.id}`]: [`cr:${approved.id}`] });
  });
});
