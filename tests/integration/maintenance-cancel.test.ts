import ical from "node-ical";
import { describe, expect, it } from "vitest";
import { POST as cancelRoute } from "../../app/api/v1/maintenance/[id]/cancel/route";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { ConflictError, ForbiddenError, GateBlockedError, ValidationError } from "../../lib/errors";
import { cancelMaintenance } from "../../lib/maintenance/cancel-maintenance";
import { createMaintenance } from "../../lib/maintenance/create-maintenance";
import { notifyMaintenance } from "../../lib/maintenance/notify-maintenance";
import { listMaintenance } from "../../lib/maintenance/queries";
import { updateMaintenance } from "../../lib/maintenance/update-maintenance";
import { renderPublicPath } from "../../lib/status/public-routes";
import { v2MaintenanceDocumentSchema, v2WebhookIncidentSchema } from "../../lib/status/statuspage-v2-schema";
import { sendSubscriberNotices } from "../../lib/status/subscribers/send-subscriber-notices";
import { auditCount, createComponent, createUser, uid } from "../support/factories";

/** Far from real time, so these windows never meet other tests' clocks. */
const NOW = new Date("2033-05-01T12:00:00Z");
const at = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

function windowInput(componentIds: string[], over: Record<string, unknown> = {}) {
  return { title: `Cancel me ${uid()}`, windowStart: at(24).toISOString(), windowEnd: at(26).toISOString(), componentIds, type: "Patching", impact: "Restarts", rollback: "Available", contact: "SRE", ...over };
}

describe("maintenance cancellation", () => {
  it("cancels a notified window: audited, stakeholders told, shown cancelled on the status page, Atom, iCalendar (node-ical) and v2, and subscribers told", async () => {
    const engineer = await createUser("NETWORK");
    const comp = await createComponent("NETWORK");
    const w = await createMaintenance({ actor: engineer, input: windowInput([comp.id]), now: NOW });
    await notifyMaintenance({ actor: engineer, input: { id: w.id }, now: NOW });
    const hook = `http://127.0.0.1:9/cancel-${uid()}`;
    await db.statusSubscriber.create({ data: { kind: "webhook", target: hook, confirmedAt: at(-1), unsubscribeToken: `tok-${uid()}` } });

    const reason = `Vendor postponed <the patch> ${uid()}`;
    const done = await cancelMaintenance({ actor: engineer, input: { id: w.id, version: 1, reason }, now: at(1) });
    expect(done).toMatchObject({ phase: "cancelled", cancelledAt: at(1).toISOString(), cancelReason: reason, version: 2 });
    expect(done.notice).toContain(`REASON: ${reason}`);
    expect(await auditCount("MaintenanceWindow", w.id, "maintenance.cancelled")).toBe(1);
    const told = await db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `maintenance:${w.id}:cancelled` }, channel: "in_app" } });
    expect(told.map((m) => m.target)).toContain(engineer.id);

    // no longer upcoming; listed as past
    const upcoming = await listMaintenance({ phase: "upcoming", limit: 200 }, at(2));
    expect(upcoming.data.map((x) => x.id)).not.toContain(w.id);
    expect((await listMaintenance({ phase: "past", component: comp.id, limit: 10 }, at(2))).data.map((x) => x.id)).toEqual([w.id]);

    // public surfaces
    const ics = (await renderPublicPath("/status/maintenance.ics", new URLSearchParams(), at(2))).body;
    const ev = Object.values(ical.sync.parseICS(ics)).find((v) => v?.type === "VEVENT" && v.uid.startsWith(`maintenance-${w.id}@`)) as unknown as { status: string; sequence: string };
    expect(ev.status).toBe("CANCELLED");
    expect(Number(ev.sequence)).toBe(1);
    const page = (await renderPublicPath("/status", new URLSearchParams(), at(2))).body;
    expect(page).toContain(`Cancelled: ${reason.replace("<", "&lt;").replace(">", "&gt;")}`);
    const atom = (await renderPublicPath("/status/feed.atom", new URLSearchParams(), at(2))).body;
    expect(atom).toContain(`Cancelled maintenance: ${w.title}`);
    const v2 = v2MaintenanceDocumentSchema.parse(JSON.parse((await renderPublicPath(`/api/v2/scheduled-maintenances/${w.id}.json`, new URLSearchParams(), at(2))).body));
    expect(v2.scheduled_maintenance).toMatchObject({ status: "completed", resolved_at: at(1).toISOString() });
    expect(v2.scheduled_maintenance.incident_updates[0].body).toContain("cancelled");
    const upcomingV2 = JSON.parse((await renderPublicPath("/api/v2/scheduled-maintenances/upcoming.json", new URLSearchParams(), at(2))).body) as { scheduled_maintenances: { id: string }[] };
    expect(upcomingV2.scheduled_maintenances.map((m) => m.id)).not.toContain(w.id);

    // status subscribers: one cancellation notice (idempotent), in Statuspage's format for webhooks
    await sendSubscriberNotices(at(1));
    await sendSubscriberNotices(at(1));
    const notices = await db.outboxMessage.findMany({ where: { target: hook, dedupeKey: { startsWith: `status-maint-cancel:${w.id}` } } });
    expect(notices).toHaveLength(1);
    const body = v2WebhookIncidentSchema.parse((notices[0].payload as { raw: unknown }).raw);
    expect(body.incident).toMatchObject({ id: w.id, status: "completed" });
  });

  it("cancelling an in-progress window ends it now: its components leave maintenance", async () => {
    const engineer = await createUser("SRE");
    const comp = await createComponent("SRE");
    const w = await createMaintenance({ actor: engineer, input: windowInput([comp.id], { windowStart: at(-1).toISOString(), windowEnd: at(2).toISOString() }), now: at(-2) });
    await updateMaintenance({ actor: engineer, input: { id: w.id, version: 1, impact: "Restarts, now" }, now: NOW }); // refreshes: in progress at NOW
    expect((await db.component.findUniqueOrThrow({ where: { id: comp.id } })).status).toBe("under_maintenance");
    await cancelMaintenance({ actor: engineer, input: { id: w.id, version: 2, reason: "Done early" }, now: NOW });
    expect((await db.component.findUniqueOrThrow({ where: { id: comp.id } })).status).toBe("operational");
  });

  it("refusals change nothing: VIEWER 403, no reason 400 (field), stale 409, cancelled or ended 422, and a cancelled window cannot be edited or notified", async () => {
    const [engineer, viewer] = await Promise.all([createUser("NETWORK"), createUser("VIEWER")]);
    const comp = await createComponent("NETWORK");
    const w = await createMaintenance({ actor: engineer, input: windowInput([comp.id]), now: NOW });
    await expect(cancelMaintenance({ actor: viewer, input: { id: w.id, version: 1, reason: "nope" }, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    const noReason = await cancelMaintenance({ actor: engineer, input: { id: w.id, version: 1, reason: " " }, now: NOW }).catch((e: unknown) => e);
    expect(noReason).toBeInstanceOf(ValidationError);
    expect((noReason as ValidationError).fields).toHaveProperty("reason");
    await expect(cancelMaintenance({ actor: engineer, input: { id: w.id, version: 1, reason: "x".repeat(501) }, now: NOW })).rejects.toBeInstanceOf(ValidationError);
    await expect(cancelMaintenance({ actor: engineer, input: { id: w.id, version: 7, reason: "stale" }, now: NOW })).rejects.toBeInstanceOf(ConflictError);
    await expect(cancelMaintenance({ actor: engineer, input: { id: w.id, version: 1, reason: "too late" }, now: at(30) })).rejects.toBeInstanceOf(GateBlockedError);
    expect(await db.maintenanceWindow.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({ cancelledAt: null, cancelReason: null, version: 1 });
    expect(await auditCount("MaintenanceWindow", w.id, "maintenance.cancelled")).toBe(0);

    await cancelMaintenance({ actor: engineer, input: { id: w.id, version: 1, reason: "Not needed" }, now: NOW });
    await expect(cancelMaintenance({ actor: engineer, input: { id: w.id, version: 2, reason: "again" }, now: NOW })).rejects.toBeInstanceOf(GateBlockedError);
    await expect(updateMaintenance({ actor: engineer, input: { id: w.id, version: 2, impact: "edited" }, now: NOW })).rejects.toBeInstanceOf(GateBlockedError);
    await expect(notifyMaintenance({ actor: engineer, input: { id: w.id }, now: NOW })).rejects.toBeInstanceOf(GateBlockedError);
    expect(await auditCount("MaintenanceWindow", w.id, "maintenance.cancelled")).toBe(1);
  });

  it("POST /api/v1/maintenance/{id}/cancel: 200 with the window, 400 naming the field, 403 for a viewer", async () => {
    const engineer = await createUser("NETWORK");
    const viewer = await createUser("VIEWER");
    const comp = await createComponent("NETWORK");
    const w = await createMaintenance({ actor: engineer, input: windowInput([comp.id], { windowStart: "2040-07-01T02:00:00Z", windowEnd: "2040-07-01T04:00:00Z" }) });
    const token = async (a: typeof engineer) => (await createApiToken({ actor: a, input: { name: "it" } })).secret;
    const call = async (secret: string, body: unknown) =>
      cancelRoute(new Request(`http://t/api/v1/maintenance/${w.id}/cancel`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${secret}` }, body: JSON.stringify(body) }), { params: Promise.resolve({ id: w.id }) });
    const denied = await call(await token(viewer), { version: 1, reason: "no" });
    expect(denied.status).toBe(403);
    const bad = await call(await token(engineer), { version: 1 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("reason");
    const ok = await call(await token(engineer), { version: 1, reason: "Superseded" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: w.id, phase: "cancelled", cancelReason: "Superseded" });
  });
});
