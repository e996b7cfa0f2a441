import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as subscribePOST } from "../../app/status/subscribe/route";
import { db } from "../../lib/db/client";
import { resetEnvCache } from "../../lib/env";
import { deliverDue } from "../../lib/jobs/deliver-due";
import { sendSubscriberNotices } from "../../lib/status/subscribers/send-subscriber-notices";
import { createComponent, createUser, uid } from "../support/factories";

/*
 * Issue 11, hole 1 (status-page side): anonymous webhook subscribers must
 * confirm before anything else is sent, subscribe is rate-limited per IP and
 * per target, and the verification request itself goes through the SSRF guard.
 */

const received: { path: string; event: string }[] = [];
let receiver: http.Server;
let base = "";

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      received.push({ path: req.url ?? "/", event: (JSON.parse(raw || "{}") as { event?: string }).event ?? "" });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
});
afterEach(() => {
  process.env.OPSGATE_ALLOW_PRIVATE_WEBHOOKS = "true";
  resetEnvCache();
});

const ip = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${uid()}`;
const subscribe = (target: string, from: string, kind = "webhook") =>
  subscribePOST(new Request("http://t/status/subscribe", { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": from }, body: JSON.stringify({ kind, target }) }));

describe("status webhook subscribers", () => {
  it("a pending webhook receives only its verification request, even when updates are published", async () => {
    const comp = await createComponent();
    const path = `/pending-${uid()}`;
    const res = await subscribe(`${base}${path}`, ip());
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ state: "pending" });
    const u = await createUser("SRE");
    const now = new Date();
    const inc = await db.incident.create({
      data: { title: `Pending sub ${uid()}`, severity: "P2", impact: "x", currentAction: "x", declaredById: u.id, declaredAt: now, lastUpdateAt: now, components: { create: [{ componentId: comp.id }] } },
    });
    await db.incidentUpdate.create({ data: { incidentId: inc.id, authorId: u.id, status: "Investigating", message: "published", public: true, createdAt: now } });
    await sendSubscriberNotices(new Date(now.getTime() + 1000));
    const rows = await db.outboxMessage.findMany({ where: { target: `${base}${path}` } });
    expect(rows.map((r) => (r.payload as { event: string }).event)).toEqual(["status.subscription.verify"]);
    await deliverDue(new Date(now.getTime() + 2000), { ids: rows.map((r) => r.id) });
    expect(received.filter((r) => r.path === path).map((r) => r.event)).toEqual(["status.subscription.verify"]);
  });

  it("limits anonymous subscribe per client IP: beyond OPSGATE_SUBSCRIBE_MAX_PER_IP a 429, and the refused request writes nothing", async () => {
    const from = ip();
    for (let i = 0; i < 10; i++) expect((await subscribe(`${base}/ip-${uid()}`, from)).status).toBe(202);
    const before = { subs: await db.statusSubscriber.count(), outbox: await db.outboxMessage.count() };
    const target = `${base}/ip-over-${uid()}`;
    const res = await subscribe(target, from);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3600");
    expect((await res.json()) as unknown).toMatchObject({ error: { code: "rate_limited" } });
    expect(await db.statusSubscriber.count({ where: { target } })).toBe(0);
    expect(await db.statusSubscriber.count()).toBe(before.subs);
    expect(await db.outboxMessage.count()).toBe(before.outbox);
    // another client is not affected
    expect((await subscribe(`${base}/ip-other-${uid()}`, ip())).status).toBe(202);
  });

  it("limits subscribe per target across IPs (no flooding one receiver with verification requests)", async () => {
    const target = `${base}/target-${uid()}`;
    for (let i = 0; i < 3; i++) expect((await subscribe(target, ip())).status).toBe(202);
    expect((await subscribe(target, ip())).status).toBe(429);
    // email subscriptions need a mail server (nothing is delivered here: the outbox worker does not run)
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    resetEnvCache();
    try {
      const email = `flood-${uid()}@example.test`;
      for (let i = 0; i < 3; i++) expect((await subscribe(email, ip(), "email")).status).toBe(202);
      expect((await subscribe(email, ip(), "email")).status).toBe(429);
    } finally {
      delete process.env.SMTP_URL;
      resetEnvCache();
    }
  });

  it("the form answers a rate-limited request with a 429 page, not a 500", async () => {
    const target = `${base}/form-${uid()}`;
    for (let i = 0; i < 3; i++) expect((await subscribe(target, ip())).status).toBe(202);
    const f = new FormData();
    f.append("kind", "webhook");
    f.append("target", target);
    const res = await subscribePOST(new Request("http://t/status/subscribe", { method: "POST", headers: { "x-forwarded-for": ip() }, body: f }));
    expect(res.status).toBe(429);
    expect(await res.text()).toContain("Too many requests");
  });

  it("without OPSGATE_ALLOW_PRIVATE_WEBHOOKS the verification request to a loopback target is refused: nothing reaches it", async () => {
    process.env.OPSGATE_ALLOW_PRIVATE_WEBHOOKS = "false";
    resetEnvCache();
    const path = `/ssrf-${uid()}`;
    expect((await subscribe(`${base}${path}`, ip())).status).toBe(202);
    const row = await db.outboxMessage.findFirstOrThrow({ where: { target: `${base}${path}` } });
    await deliverDue(new Date(), { ids: [row.id] });
    const after = await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.lastError).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
    expect(received.filter((r) => r.path === path)).toHaveLength(0);
  });
});
