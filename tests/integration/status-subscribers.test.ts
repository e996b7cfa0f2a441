import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as subscribePOST } from "../../app/status/subscribe/route";
import { GET as confirmGET } from "../../app/status/subscribe/confirm/route";
import { POST as unsubscribePOST } from "../../app/status/unsubscribe/route";
import { db } from "../../lib/db/client";
import { resetEnvCache } from "../../lib/env";
import { deliverDue } from "../../lib/jobs/deliver-due";
import { renderPublicPath } from "../../lib/status/public-routes";
import { refreshComponentStatuses } from "../../lib/status/refresh";
import { v2WebhookComponentSchema, v2WebhookIncidentSchema } from "../../lib/status/statuspage-v2-schema";
import { sendSubscriberNotices } from "../../lib/status/subscribers/send-subscriber-notices";
import { auditCount, createComponent, createUser, uid } from "../support/factories";

type Hook = { headers: http.IncomingHttpHeaders; body: { event: string; title: string; body: string; link: string | null; data: Record<string, unknown> } & Record<string, unknown> };
const hooks: Hook[] = [];
const mails: { to: string; raw: string }[] = [];
let receiver: http.Server;
let smtp: SMTPServer;
let hookUrl = "";

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      hooks.push({ headers: req.headers, body: JSON.parse(raw) as Hook["body"] });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  resetEnvCache();
});

afterAll(async () => {
  await new Promise((r) => receiver.close(r));
  await new Promise<void>((r) => smtp.close(() => r()));
  delete process.env.SMTP_URL;
  resetEnvCache();
});

const form = (fields: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return new Request("http://t/status/subscribe", { method: "POST", body: f });
};

const decodeQp = (s: string) => s.replace(/=\r?\n/g, "").replace(/=3D/g, "=");

async function publishUpdate(componentId: string, message: string, isPublic = true) {
  const u = await createUser("SRE");
  const now = new Date();
  const inc = await db.incident.create({
    data: { title: `Sub test ${uid()}`, severity: "P2", impact: "x", currentAction: "x", declaredById: u.id, declaredAt: now, lastUpdateAt: now, components: { create: [{ componentId }] } },
  });
  await db.incidentUpdate.create({ data: { incidentId: inc.id, authorId: u.id, status: "Investigating", message, public: isPublic, createdAt: now } });
  return inc;
}

describe("status subscribers", () => {
  it("email: double opt-in, notified on a published update through the outbox and SMTP, one-click unsubscribe", async () => {
    const comp = await createComponent();
    const email = `sub-${uid()}@example.test`;
    const res = await subscribePOST(form([["kind", "email"], ["target", email], ["componentIds", comp.id]]));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Check your email");
    const sub = await db.statusSubscriber.findUniqueOrThrow({ where: { kind_target: { kind: "email", target: email } } });
    expect(sub.confirmedAt).toBeNull();
    expect(sub.componentIds).toEqual([comp.id]);
    expect(await auditCount("StatusSubscriber", sub.id, "status.subscriptionRequested")).toBe(1);

    // Pending subscribers get nothing.
    await publishUpdate(comp.id, `Before confirm ${uid()}`);
    await sendSubscriberNotices(new Date());
    expect(await db.outboxMessage.count({ where: { target: email, dedupeKey: { startsWith: "status-update:" } } })).toBe(0);

    // The confirmation email goes out through the outbox worker to the SMTP sink.
    const confirmMsg = await db.outboxMessage.findFirstOrThrow({ where: { target: email, dedupeKey: { startsWith: "status-confirm:" } } });
    await deliverDue(new Date(), { ids: [confirmMsg.id] });
    const mail = mails.find((m) => m.to === email);
    expect(mail).toBeDefined();
    const token = /subscribe\/confirm\?token=([A-Za-z0-9_-]+)/.exec(decodeQp(mail?.raw ?? ""))?.[1];
    expect(token).toBeTruthy();
    const bad = await confirmGET(new Request("http://t/status/subscribe/confirm?token=nope"));
    expect(bad.status).toBe(404);
    const ok = await confirmGET(new Request(`http://t/status/subscribe/confirm?token=${token}`));
    expect(ok.status).toBe(200);
    expect((await db.statusSubscriber.findUniqueOrThrow({ where: { id: sub.id } })).confirmedAt).not.toBeNull();

    // A published update on the subscribed component → one email; an internal one → none; other components → none.
    const message = `Published for subscribers ${uid()}`;
    await publishUpdate(comp.id, message);
    await publishUpdate(comp.id, `Internal ${uid()}`, false);
    const other = await createComponent();
    await publishUpdate(other.id, `Elsewhere ${uid()}`);
    const first = await sendSubscriberNotices(new Date());
    expect(first.enqueued).toBeGreaterThanOrEqual(1);
    await sendSubscriberNotices(new Date()); // idempotent
    const notices = await db.outboxMessage.findMany({ where: { target: email, dedupeKey: { startsWith: "status-update:" } } });
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0].payload)).toContain(message);
    await deliverDue(new Date(), { ids: notices.map((n) => n.id) });
    const notice = mails.filter((m) => m.to === email).at(-1);
    expect(decodeQp(notice?.raw ?? "")).toContain(message);
    const unsub = /status\/unsubscribe\?token=([A-Za-z0-9_-]+)/.exec(decodeQp(notice?.raw ?? ""))?.[1];
    expect(unsub).toBe(sub.unsubscribeToken);

    // One-click unsubscribe (RFC 8058 POST); later updates are not sent.
    const u = await unsubscribePOST(new Request(`http://t/status/unsubscribe?token=${unsub}`, { method: "POST", body: "List-Unsubscribe=One-Click" }));
    expect(u.status).toBe(200);
    expect(await auditCount("StatusSubscriber", sub.id, "status.unsubscribed")).toBe(1);
    await publishUpdate(comp.id, `After unsubscribe ${uid()}`);
    await sendSubscriberNotices(new Date());
    expect(await db.outboxMessage.count({ where: { target: email, dedupeKey: { startsWith: "status-update:" } } })).toBe(1);
  });

  it("webhook: confirmed through its verification request, then receives published updates, notified maintenance and component changes in Statuspage's webhook format", async () => {
    const comp = await createComponent();
    const url = `${hookUrl}?s=${uid()}`;
    const res = await subscribePOST(new Request("http://t/status/subscribe", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind: "webhook", target: url, componentIds: [comp.id] }) }));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ state: "pending" });
    const verify = await db.outboxMessage.findFirstOrThrow({ where: { target: url, dedupeKey: { startsWith: "status-confirm:" } } });
    await deliverDue(new Date(), { ids: [verify.id] });
    const request = hooks.find((h) => h.body.event === "status.subscription.verify" && String(h.body.data.confirmUrl).length > 0 && verify.id === h.headers["x-opsgate-delivery"]);
    expect(request).toBeDefined();
    const confirmUrl = new URL(String(request?.body.data.confirmUrl));
    expect(confirmUrl.pathname).toBe("/status/subscribe/confirm");
    const ok = await confirmGET(new Request(`http://t${confirmUrl.pathname}${confirmUrl.search}`));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("webhook");
    const message = `Webhook update ${uid()}`;
    await publishUpdate(comp.id, message);
    const u = await createUser("SYSADMIN");
    const now = new Date();
    const mw = await db.maintenanceWindow.create({
      data: { title: `Sub window ${uid()}`, windowStart: new Date(now.getTime() + 3_600_000), windowEnd: new Date(now.getTime() + 7_200_000), type: "Upgrade", impact: "Read-only", rollback: "Available", contact: "x", notifiedAt: now, createdById: u.id, components: { create: [{ componentId: comp.id }] } },
    });
    await sendSubscriberNotices(new Date(now.getTime() + 1000));
    const rows = await db.outboxMessage.findMany({ where: { target: url, dedupeKey: { not: { startsWith: "status-confirm:" } } } });
    expect(rows.map((r) => (r.payload as { event: string }).event).sort()).toEqual(["status.incident", "status.maintenance"]);
    await deliverDue(new Date(now.getTime() + 2000), { ids: rows.map((r) => r.id) });
    const after = await db.outboxMessage.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { status: true } });
    expect(after.map((a) => a.status)).toEqual(["delivered", "delivered"]);
    const byDelivery = (id: string) => hooks.find((h) => h.headers["x-opsgate-delivery"] === id)?.body;
    const incidentRow = rows.find((r) => (r.payload as { event: string }).event === "status.incident");
    const maintRow = rows.find((r) => (r.payload as { event: string }).event === "status.maintenance");
    const incidentHook = v2WebhookIncidentSchema.parse(byDelivery(incidentRow?.id ?? ""));
    expect(incidentHook.incident.incident_updates.map((x) => x.body)).toEqual([message]);
    expect(incidentHook.incident).toMatchObject({ status: "investigating", impact: "major" });
    expect(incidentHook.meta.unsubscribe).toContain("/status/unsubscribe?token=");
    expect(incidentHook.page).toMatchObject({ id: "opsgate" });
    const maintHook = v2WebhookIncidentSchema.parse(byDelivery(maintRow?.id ?? ""));
    expect(maintHook.incident).toMatchObject({ id: mw.id, name: mw.title, status: "scheduled", impact: "maintenance" });
    expect(maintHook.incident.incident_updates.map((x) => x.status)).toEqual(["scheduled"]);

    // The P2 incident takes the component to partial_outage: a component_update goes out (once, even if refreshed again).
    const at = new Date(now.getTime() + 3000);
    await db.$transaction((tx) => refreshComponentStatuses(tx, at, [comp.id]));
    await db.$transaction((tx) => refreshComponentStatuses(tx, at, [comp.id]));
    const compRows = await db.outboxMessage.findMany({ where: { target: url, dedupeKey: { startsWith: "status-component:" } } });
    expect(compRows).toHaveLength(1);
    await deliverDue(new Date(at.getTime() + 1000), { ids: compRows.map((r) => r.id) });
    const compHook = v2WebhookComponentSchema.parse(byDelivery(compRows[0].id));
    expect(compHook.component_update).toMatchObject({ component_id: comp.id, old_status: "operational", new_status: "partial_outage", created_at: at.toISOString() });
    expect(compHook.component).toMatchObject({ id: comp.id, name: comp.name, status: "partial_outage" });
    expect(compHook.page.status_indicator).not.toBe("none");
    // Email subscribers are not sent component changes (incidents and maintenance only).
    expect(await db.outboxMessage.count({ where: { channel: "email", dedupeKey: { startsWith: "status-component:" } } })).toBe(0);
  });

  it("without a mail server an email subscription is refused with a clear message (no 'check your email'), and the page hides the email form", async () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    resetEnvCache();
    try {
      const before = await db.statusSubscriber.count();
      const res = await subscribePOST(form([["kind", "email"], ["target", `nosmtp-${uid()}@example.test`]]));
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).toContain("Email subscriptions are unavailable");
      expect(text).not.toContain("Check your email");
      expect(await db.statusSubscriber.count()).toBe(before);
      const json = await subscribePOST(new Request("http://t/status/subscribe", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind: "email", target: `nosmtp-${uid()}@example.test` }) }));
      expect(json.status).toBe(400);
      expect(((await json.json()) as { error: { fields: Record<string, string> } }).error.fields.target).toMatch(/unavailable/);
      const page = await renderPublicPath("/status", new URLSearchParams());
      expect(page.body).not.toContain("Subscribe by email");
      expect(page.body).toContain("Email subscriptions are unavailable here");
    } finally {
      process.env.SMTP_URL = saved;
      resetEnvCache();
    }
  });

  it("rejects invalid input without writing anything", async () => {
    const before = await db.statusSubscriber.count();
    const res = await subscribePOST(form([["kind", "email"], ["target", "not-an-email"]]));
    expect(res.status).toBe(400);
    const res2 = await subscribePOST(new Request("http://t/status/subscribe", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind: "webhook", target: "ftp://x.test/y" }) }));
    expect(res2.status).toBe(400);
    expect(await db.statusSubscriber.count()).toBe(before);
  });
});
