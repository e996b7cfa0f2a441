import { describe, expect, it } from "vitest";
import { transitionChange } from "../../lib/changes/transition-change";
import { db } from "../../lib/db/client";
import { renderPublicPath } from "../../lib/status/public-routes";
import { refreshComponentStatuses } from "../../lib/status/refresh";
import { auditCount, createComponent, createUser, fixtureArchitect } from "../support/factories";
import { changeIn } from "./changes-helpers";

// changeIn links a notified window 2026-12-01 02:00–04:00 UTC.
const DURING = new Date("2026-12-01T03:00:00Z");

describe("a change and its window stay together", () => {
  it("completing a change inside its window ends the window now: components back to operational, the public v2 says completed", async () => {
    const requester = await createUser("NETWORK");
    const comp = await createComponent("NETWORK");
    const change = await changeIn("InProgress", requester, comp.id, {}, DURING);
    const windowId = change.maintenance[0]!.window.id;
    await db.$transaction((tx) => refreshComponentStatuses(tx, DURING, [comp.id]));
    expect((await db.component.findUniqueOrThrow({ where: { id: comp.id } })).status).toBe("under_maintenance");

    const architect = await fixtureArchitect();
    await transitionChange({ actor: architect, input: { id: change.id, to: "Completed" }, now: DURING });
    const w = await db.maintenanceWindow.findUniqueOrThrow({ where: { id: windowId } });
    expect(w.windowEnd).toEqual(DURING);
    expect(w.cancelledAt).toBeNull();
    expect(await auditCount("MaintenanceWindow", windowId, "maintenance.ended_early")).toBe(1);
    expect((await db.component.findUniqueOrThrow({ where: { id: comp.id } })).status).toBe("operational");
    const doc = JSON.parse((await renderPublicPath(`/api/v2/scheduled-maintenances/${windowId}.json`, new URLSearchParams(), new Date(DURING.getTime() + 1000))).body) as { scheduled_maintenance: { status: string; resolved_at: string } };
    expect(doc.scheduled_maintenance).toMatchObject({ status: "completed", resolved_at: DURING.toISOString() });
  });

  it("failing a change before its window cancels the window (reason names the change); a window already over is left alone", async () => {
    const requester = await createUser("NETWORK");
    const comp = await createComponent("NETWORK");
    const before = new Date("2026-11-24T10:00:00Z");
    const change = await changeIn("InProgress", requester, comp.id, {}, before);
    const windowId = change.maintenance[0]!.window.id;
    await transitionChange({ actor: await fixtureArchitect(), input: { id: change.id, to: "Failed" }, now: before });
    const w = await db.maintenanceWindow.findUniqueOrThrow({ where: { id: windowId } });
    expect(w.cancelledAt).toEqual(before);
    expect(w.cancelReason).toBe(`CR-${change.number} was failed before this window.`);
    expect(await auditCount("MaintenanceWindow", windowId, "maintenance.cancelled")).toBe(1);

    const after = new Date("2026-12-02T10:00:00Z");
    const late = await changeIn("InProgress", requester, comp.id, {}, after);
    const lateWindow = late.maintenance[0]!.window.id;
    await transitionChange({ actor: await fixtureArchitect(), input: { id: late.id, to: "Completed" }, now: after });
    expect(await db.maintenanceWindow.findUniqueOrThrow({ where: { id: lateWindow } })).toMatchObject({ cancelledAt: null, windowEnd: new Date("2026-12-01T04:00:00Z") });
  });
});
