import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { resetEnvCache } from "../../lib/env";
import { enqueue, notify, type OutboxInput } from "../../lib/jobs/outbox";
import { claimDue, DEFAULT_LEASE_MS, deliverDue } from "../../lib/jobs/deliver-due";
import { createUser, uid } from "../support/factories";
import { startSmtpSink, startWebhookReceiver } from "../support/receivers";

/**
 * Real receivers (node:http, smtp-server) on loopback. Messages are enqueued
 * at a far-future instant and delivered with `ids`, so this file never
 * touches (or is touched by) other test files' outbox rows.
 */
const T0 = new Date("2031-03-01T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

async function put(messages: Omit<OutboxInput, "dedupeKey">[]) {
  const keys = messages.map(() => `jobs-test:${uid()}${uid()}`);
  await db.$transaction((tx) => enqueue(tx, messages.map((m, i) => ({ ...m, dedupeKey: keys[i] })), T0));
  const rows = await db.outboxMessage.findMany({ where: { dedupeKey: { in: keys } }, select: { id: true, dedupeKey: true } });
  const byKey = new Map(rows.map((r) => [r.dedupeKey, r.id]));
  return keys.map((k) => byKey.get(k)!);
}

const payload = (extra: Record<string, unknown> = {}) => ({ event: "incident.declared", title: "P1: core switch down", body: "Investigating <packet loss> & more", link: "/incidents/abc", data: { severity: "P1" }, ...extra });

const savedEnv = { ...process.env };
beforeAll(() => {
  process.env.NEXTAUTH_URL = "https://ops.example.test";
  resetEnvCache();
});
afterEach(() => {
  for (const k of ["OPSGATE_WEBHOOK_SECRET", "OPSGATE_OUTBOX_MAX_ATTEMPTS", "SMTP_URL"]) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  resetEnvCache();
});
afterAll(() => {
  process.env.NEXTAUTH_URL = savedEnv.NEXTAUTH_URL;
  if (savedEnv.NEXTAUTH_URL === undefined) delete process.env.NEXTAUTH_URL;
  resetEnvCache();
});

describe("outbox worker", () => {
  it("delivers a generic webhook with event header, absolute link, id, timestamp and HMAC signature", async () => {
    process.env.OPSGATE_WEBHOOK_SECRET = "s3cret-s3cret-s3cret";
    resetEnvCache();
    const rx = await startWebhookReceiver();
    try {
      const [id] = await put([{ channel: "webhook", target: rx.url(), subject: "P1: core switch down", payload: payload() }]);
      const report = await deliverDue(T0, { ids: [id] });
      expect(report).toMatchObject({ claimed: 1, delivered: 1, retried: 0, failed: 0 });
      expect(rx.received).toHaveLength(1);
      const got = rx.received[0];
      expect(got.headers["x-opsgate-event"]).toBe("incident.declared");
      expect(got.headers["content-type"]).toMatch(/application\/json/);
      expect(got.json).toEqual({
        id,
        event: "incident.declared",
        title: "P1: core switch down",
        body: "Investigating <packet loss> & more",
        link: "https://ops.example.test/incidents/abc",
        data: { severity: "P1" },
        timestamp: (await db.outboxMessage.findUniqueOrThrow({ where: { id } })).createdAt.toISOString(),
      });
      const t = Math.floor(T0.getTime() / 1000);
      const expected = `t=${t},v1=${createHmac("sha256", "s3cret-s3cret-s3cret").update(`${t}.${got.raw}`).digest("hex")}`;
      expect(got.headers["x-opsgate-signature"]).toBe(expected);
      const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: "delivered", attempts: 1, lastError: null });
      expect(row.deliveredAt?.toISOString()).toBe(T0.toISOString());
      // delivered messages are never claimed again
      expect(await deliverDue(at(24 * 3600_000), { ids: [id] })).toMatchObject({ claimed: 0 });
      expect(rx.received).toHaveLength(1);
    } finally {
      await rx.close();
    }
  });

  it("sends no signature header when OPSGATE_WEBHOOK_SECRET is unset", async () => {
    delete process.env.OPSGATE_WEBHOOK_SECRET;
    resetEnvCache();
    const rx = await startWebhookReceiver();
    try {
      const [id] = await put([{ channel: "webhook", target: rx.url(), subject: "s", payload: payload() }]);
      await deliverDue(T0, { ids: [id] });
      expect(rx.received).toHaveLength(1);
      expect(rx.received[0].headers["x-opsgate-signature"]).toBeUndefined();
    } finally {
      await rx.close();
    }
  });

  it("retries after a 500 with backoff, then delivers", async () => {
    let calls = 0;
    const rx = await startWebhookReceiver(() => (++calls === 1 ? 500 : 200));
    try {
      const [id] = await put([{ channel: "webhook", target: rx.url(), subject: "s", payload: payload() }]);
      expect(await deliverDue(T0, { ids: [id], random: () => 0 })).toMatchObject({ claimed: 1, retried: 1, delivered: 0 });
      let row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(row.status).toBe("pending");
      expect(row.attempts).toBe(1);
      expect(row.lastError).toMatch(/^HTTP 500/);
      expect(row.lastError).not.toContain("receiver says"); // the target's body never reaches lastError
      // first backoff with random = 0 is 5 s (10 s with equal jitter)
      expect(row.nextAttemptAt.toISOString()).toBe(at(5_000).toISOString());
      // not due 1 ms before the backoff ends
      expect(await deliverDue(at(4_999), { ids: [id] })).toMatchObject({ claimed: 0 });
      expect(await deliverDue(at(5_000), { ids: [id] })).toMatchObject({ claimed: 1, delivered: 1 });
      row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: "delivered", attempts: 2, lastError: null });
      expect(rx.received).toHaveLength(2);
      expect(rx.received[0].json.id).toBe(rx.received[1].json.id);
    } finally {
      await rx.close();
    }
  });

  it("marks a message failed after OPSGATE_OUTBOX_MAX_ATTEMPTS with the last error", async () => {
    process.env.OPSGATE_OUTBOX_MAX_ATTEMPTS = "3";
    resetEnvCache();
    const rx = await startWebhookReceiver(() => 503);
    try {
      const [id] = await put([{ channel: "webhook", target: rx.url(), subject: "s", payload: payload() }]);
      const outcomes = [];
      for (let i = 0; i < 4; i++) outcomes.push(await deliverDue(at(i * 2 * 3600_000), { ids: [id] }));
      expect(outcomes.map((o) => [o.retried, o.failed])).toEqual([[1, 0], [1, 0], [0, 1], [0, 0]]);
      const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: "failed", attempts: 3, deliveredAt: null });
      expect(row.lastError).toMatch(/^HTTP 503/);
      expect(rx.received).toHaveLength(3);
    } finally {
      await rx.close();
    }
  });

  it("records a timeout as a failure instead of hanging", async () => {
    const rx = await startWebhookReceiver(() => -1);
    try {
      const [id] = await put([{ channel: "webhook", target: rx.url(), subject: "s", payload: payload() }]);
      expect(await deliverDue(T0, { ids: [id], timeoutMs: 150 })).toMatchObject({ retried: 1 });
      const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(row.lastError).toBe("timed out after 150 ms");
    } finally {
      await rx.close();
    }
  });

  it("records a refused connection as a failure", async () => {
    const rx = await startWebhookReceiver();
    const url = rx.url();
    await rx.close();
    const [id] = await put([{ channel: "webhook", target: url, subject: "s", payload: payload() }]);
    expect(await deliverDue(T0, { ids: [id] })).toMatchObject({ retried: 1 });
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id } })).lastError).toMatch(/^request failed: ECONNREFUSED/);
  });

  it("delivers each of 100 messages exactly once across 4 concurrent workers", async () => {
    const rx = await startWebhookReceiver();
    try {
      const ids = await put(Array.from({ length: 100 }, (_, i) => ({ channel: "webhook" as const, target: rx.url(`/hook/${i}`), subject: `m${i}`, payload: payload({ title: `m${i}` }) })));
      const reports = await Promise.all(Array.from({ length: 4 }, () => deliverDue(T0, { ids, batchSize: 7, maxBatches: 100, concurrency: 4 })));
      expect(reports.reduce((n, r) => n + r.delivered, 0)).toBe(100);
      expect(reports.reduce((n, r) => n + r.claimed, 0)).toBe(100);
      const seen = new Map<string, number>();
      for (const r of rx.received) seen.set(String(r.json.id), (seen.get(String(r.json.id)) ?? 0) + 1);
      expect(rx.received).toHaveLength(100);
      expect([...seen.keys()].sort()).toEqual([...ids].sort());
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      expect(await db.outboxMessage.count({ where: { id: { in: ids }, status: "delivered", attempts: 1 } })).toBe(100);
    } finally {
      await rx.close();
    }
  });

  it("creates each in-app notification exactly once, even with concurrent workers", async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => createUser("SRE")));
    const key = `jobs-inapp:${uid()}`;
    await db.$transaction((tx) => notify(tx, users.map((u) => u.id), { title: "Paged: P1", body: "You are on call", link: "/incidents/xyz", event: "incident.paged", dedupeKey: key }, T0));
    const ids = (await db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `${key}:in_app:` } }, select: { id: true } })).map((r) => r.id);
    expect(ids).toHaveLength(10);
    const reports = await Promise.all(Array.from({ length: 3 }, () => deliverDue(T0, { ids, batchSize: 2, maxBatches: 100 })));
    expect(reports.reduce((n, r) => n + r.delivered, 0)).toBe(10);
    for (const u of users) {
      const rows = await db.notification.findMany({ where: { userId: u.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ title: "Paged: P1", body: "You are on call", link: "/incidents/xyz", readAt: null });
    }
  });

  it("fails an in-app message whose user no longer exists", async () => {
    const [id] = await put([{ channel: "in_app", target: `missing-${uid()}`, subject: "s", payload: payload() }]);
    expect(await deliverDue(T0, { ids: [id], maxAttempts: 1 })).toMatchObject({ failed: 1 });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "failed", lastError: expect.stringMatching(/^no user/) });
  });

  it("posts Slack-compatible text", async () => {
    const rx = await startWebhookReceiver();
    try {
      const [id] = await put([{ channel: "slack", target: rx.url("/services/T0/B0/xyz"), subject: "P1: core switch down", payload: payload() }]);
      expect(await deliverDue(T0, { ids: [id] })).toMatchObject({ delivered: 1 });
      expect(rx.received[0].path).toBe("/services/T0/B0/xyz");
      expect(rx.received[0].json).toEqual({ text: "*P1: core switch down*\nInvestigating &lt;packet loss&gt; &amp; more\nhttps://ops.example.test/incidents/abc" });
    } finally {
      await rx.close();
    }
  });

  it("sends email over SMTP_URL with subject, text and HTML", async () => {
    const sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    resetEnvCache();
    try {
      const [id] = await put([{ channel: "email", target: "oncall@example.test", subject: "P1: core switch down", payload: payload() }]);
      expect(await deliverDue(T0, { ids: [id] })).toMatchObject({ delivered: 1 });
      expect(sink.mails).toHaveLength(1);
      const mail = sink.mails[0];
      expect(mail.to).toEqual(["oncall@example.test"]);
      expect(mail.from).toBe("opsgate@localhost");
      expect(mail.raw).toMatch(/^Subject: P1: core switch down\r?$/m);
      expect(mail.raw).toContain("text/plain");
      expect(mail.raw).toContain("text/html");
      expect(mail.raw).toContain("https://ops.example.test/incidents/abc");
    } finally {
      await sink.close();
    }
  });

  it("notify() fans out to email when SMTP_URL is set, and the worker delivers it", async () => {
    const sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    resetEnvCache();
    try {
      const user = await createUser("DBA");
      const key = `jobs-mail:${uid()}`;
      await db.$transaction((tx) => notify(tx, [user.id], { title: "Change approved", body: "Go ahead", event: "change.approved", dedupeKey: key }, T0));
      const ids = (await db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `${key}:` }, channel: { in: ["email", "in_app"] } }, select: { id: true } })).map((r) => r.id);
      expect(ids).toHaveLength(2);
      expect(await deliverDue(T0, { ids })).toMatchObject({ delivered: 2 });
      expect(sink.mails.map((m) => m.to)).toEqual([[user.email]]);
      expect(sink.mails[0].raw).toMatch(/^Subject: Change approved\r?$/m);
    } finally {
      await sink.close();
    }
  });

  it("a message claimed by a worker that died is delivered after the lease expires (nothing lost)", async () => {
    const rx = await startWebhookReceiver();
    try {
      const [id] = await put([{ channel: "webhook", target: rx.url(), subject: "s", payload: payload() }]);
      // a worker claims and then "crashes" before delivering
      expect((await claimDue(T0, { ids: [id] })).map((m) => m.id)).toEqual([id]);
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "pending", attempts: 1 });
      // other workers leave it alone while the lease holds…
      expect(await deliverDue(at(DEFAULT_LEASE_MS - 1), { ids: [id] })).toMatchObject({ claimed: 0 });
      // …and pick it up once it has expired
      expect(await deliverDue(at(DEFAULT_LEASE_MS), { ids: [id] })).toMatchObject({ claimed: 1, delivered: 1 });
      expect(rx.received).toHaveLength(1);
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "delivered", attempts: 2 });
    } finally {
      await rx.close();
    }
  });
});
