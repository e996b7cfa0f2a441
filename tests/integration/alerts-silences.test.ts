import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveChange } from "../../lib/changes/approve-change";
import { createChange } from "../../lib/changes/create-change";
import { transitionChange } from "../../lib/changes/transition-change";
import { db } from "../../lib/db/client";
import { resetEnvCache } from "../../lib/env";
import { deliverDue } from "../../lib/jobs/deliver-due";
import { createMaintenance } from "../../lib/maintenance/create-maintenance";
import { notifyMaintenance } from "../../lib/maintenance/notify-maintenance";
import { updateMaintenance } from "../../lib/maintenance/update-maintenance";
import { fullInput, world } from "./changes-helpers";
import { startMonitoring } from "../support/monitoring";

type AmSilence = { id: string; status: { state: string }; matchers: { name: string; value: string; isRegex: boolean }[]; startsAt: string; endsAt: string; createdBy: string; comment: string };

/** Silences pushed to the real Debian Alertmanager through the outbox (OPSGATE_ALERTMANAGER_URL). */
describe("maintenance windows → Alertmanager silences", () => {
  let mon: ReturnType<typeof startMonitoring>;
  beforeAll(() => {
    mon = startMonitoring();
    process.env.OPSGATE_ALERTMANAGER_URL = mon.alertmanagerUrl;
    resetEnvCache();
  });
  afterAll(() => {
    delete process.env.OPSGATE_ALERTMANAGER_URL;
    resetEnvCache();
    mon?.stop();
  });

  const silences = async () => (await (await fetch(`${mon.alertmanagerUrl}/api/v2/silences`)).json()) as AmSilence[];
  const deliverSilences = async (now: Date) => {
    const ids = (await db.outboxMessage.findMany({ where: { channel: "alertmanager_silence", status: "pending" }, select: { id: true } })).map((m) => m.id);
    return deliverDue(now, { ids });
  };

  it("approving creates the silence (matchers, interval, CR-n / MW-n); moving the window updates it; cancelling expires it", async () => {
    const w = await world();
    await db.component.update({ where: { id: w.component.id }, data: { alertMatchers: [{ name: "job", value: "lb-.*", isRegex: true }] } });
    const now = new Date();
    const start = new Date(Math.ceil(now.getTime() / 60_000) * 60_000 + 3_600_000);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    const change = await createChange({ actor: w.requester, input: fullInput(w.component.id, { submit: true }) });
    const window = await db.maintenanceWindow.create({
      data: { title: "LB firmware", windowStart: start, windowEnd: end, type: "Upgrade", impact: "Failover", rollback: "Available", contact: "Network on-call", notifiedAt: now, createdById: w.requester.id, components: { create: [{ componentId: w.component.id }] }, changes: { create: [{ changeId: change.id }] } },
    });
    expect(await db.outboxMessage.count({ where: { channel: "alertmanager_silence", payload: { path: ["windowId"], equals: window.id } } })).toBe(0);

    await approveChange({ actor: w.owner, input: { id: change.id }, now });
    const report = await deliverSilences(now);
    expect(report).toMatchObject({ delivered: 1 });
    const created = (await silences()).find((s) => s.comment.includes(`MW-${window.number}`) && s.status.state !== "expired");
    expect(created).toMatchObject({ createdBy: "OpsGate", matchers: [expect.objectContaining({ name: "job", value: "lb-.*", isRegex: true })] });
    expect(created?.comment).toContain(`CR-${change.number} / MW-${window.number}`);
    expect(new Date(created!.startsAt).getTime()).toBe(start.getTime());
    expect(new Date(created!.endsAt).getTime()).toBe(end.getTime());

    const later = new Date(end.getTime() + 3_600_000);
    await updateMaintenance({ actor: w.requester, input: { id: window.id, version: window.version, windowEnd: later.toISOString() }, now });
    await deliverSilences(now);
    const active = (await silences()).filter((s) => s.comment.includes(`MW-${window.number}`) && s.status.state !== "expired");
    expect(active).toHaveLength(1);
    expect(new Date(active[0].endsAt).getTime()).toBe(later.getTime());

    await transitionChange({ actor: w.requester, input: { id: change.id, to: "Cancelled" }, now });
    await deliverSilences(now);
    expect((await silences()).filter((s) => s.comment.includes(`MW-${window.number}`) && s.status.state !== "expired")).toHaveLength(0);
    expect(await db.maintenanceSilence.findFirst({ where: { windowId: window.id } })).toMatchObject({ expiredAt: expect.any(Date) });
  });

  it("a change that completes before its window ends expires the silence", async () => {
    const w = await world();
    const now = new Date();
    const start = new Date(Math.ceil(now.getTime() / 60_000) * 60_000 + 8 * 86_400_000);
    const change = await createChange({ actor: w.requester, input: fullInput(w.component.id, { submit: true }) });
    const created = await createMaintenance({
      actor: w.requester,
      input: { title: `Early ${change.number}`, windowStart: start.toISOString(), windowEnd: new Date(start.getTime() + 7_200_000).toISOString(), type: "Upgrade", impact: "Failover", rollback: "Available", contact: "Network on-call", componentIds: [w.component.id], changeIds: [change.id] },
      now,
    });
    const window = (await notifyMaintenance({ actor: w.requester, input: { id: created.id }, now })).window;
    await approveChange({ actor: w.owner, input: { id: change.id }, now });
    await transitionChange({ actor: w.requester, input: { id: change.id, to: "Scheduled" }, now });
    await deliverSilences(now);
    const live = () => silences().then((all) => all.filter((s) => s.comment.includes(`MW-${window.number}`) && s.status.state !== "expired"));
    expect(await live()).toHaveLength(1);

    await transitionChange({ actor: w.requester, input: { id: change.id, to: "InProgress" }, now });
    await deliverSilences(now);
    expect(await live()).toHaveLength(1); // in progress: still silenced, unchanged

    await transitionChange({ actor: w.requester, input: { id: change.id, to: "Completed" }, now });
    const report = await deliverSilences(now);
    expect(report).toMatchObject({ delivered: 1 });
    expect(await live()).toHaveLength(0);
    expect(await db.maintenanceSilence.findFirst({ where: { windowId: window.id } })).toMatchObject({ expiredAt: expect.any(Date) });
  });

  it("an unreachable Alertmanager leaves the message pending for retry (visible under Deliveries)", async () => {
    const w = await world();
    const change = await createChange({ actor: w.requester, input: fullInput(w.component.id, { submit: true }) });
    const now = new Date();
    await db.maintenanceWindow.create({
      data: { title: "x", windowStart: new Date(now.getTime() + 3_600_000), windowEnd: new Date(now.getTime() + 7_200_000), type: "Upgrade", impact: "x", rollback: "Available", contact: "x", notifiedAt: now, createdById: w.requester.id, components: { create: [{ componentId: w.component.id }] }, changes: { create: [{ changeId: change.id }] } },
    });
    process.env.OPSGATE_ALERTMANAGER_URL = "http://127.0.0.1:1";
    resetEnvCache();
    try {
      await approveChange({ actor: w.owner, input: { id: change.id }, now });
    } finally {
      process.env.OPSGATE_ALERTMANAGER_URL = mon.alertmanagerUrl;
      resetEnvCache();
    }
    const report = await deliverSilences(now);
    expect(report).toMatchObject({ retried: 1 });
    const msg = await db.outboxMessage.findFirstOrThrow({ where: { channel: "alertmanager_silence", target: "http://127.0.0.1:1" } });
    expect(msg.lastError).toContain("Alertmanager unreachable");
  });
});
