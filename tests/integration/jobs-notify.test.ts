import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as markReadRoute } from "../../app/api/v1/notifications/read/route";
import { GET as listRoute } from "../../app/api/v1/notifications/route";
import { ROLES } from "../../lib/auth/permissions";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { resetEnvCache } from "../../lib/env";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../lib/errors";
import { enqueue } from "../../lib/jobs/outbox";
import { deliverDue } from "../../lib/jobs/deliver-due";
import { markNotificationsRead } from "../../lib/notify/mark-read";
import { countUnreadNotifications, deliveryCounts, listDeliveries, listNotifications, listWebhookEndpoints } from "../../lib/notify/queries";
import { retryDelivery } from "../../lib/notify/retry-delivery";
import { createWebhookEndpoint, deleteWebhookEndpoint, sendWebhookTest, setWebhookEndpointActive } from "../../lib/notify/webhooks";
import { auditCount, createUser, uid } from "../support/factories";
import { startWebhookReceiver } from "../support/receivers";

const T0 = new Date("2031-04-01T08:00:00.000Z");
const NOT_ARCHITECT = ROLES.filter((r) => r !== "ARCHITECT");

beforeAll(() => {
  delete process.env.OPSGATE_OUTBOX_MAX_ATTEMPTS;
  resetEnvCache();
});
afterAll(() => resetEnvCache());

/*
 * Endpoints are created inactive where possible: an active endpoint would
 * receive the fan-out of notify() calls made by other test files meanwhile.
 */
describe("webhook endpoints (ARCHITECT only)", () => {
  it("lets an ARCHITECT create one, audited, with a masked URL in the audit row", async () => {
    const architect = await createUser("ARCHITECT");
    const name = `hook ${uid()}`;
    const hook = await createWebhookEndpoint({ actor: architect, input: { name, url: "https://hooks.slack.example/services/T000/B000/secretsecret", format: "slack", active: "false" } });
    expect(hook).toMatchObject({ name, format: "slack", active: false });
    expect(hook.url).not.toContain("secretsecret");
    const stored = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } });
    expect(stored.url).toBe("https://hooks.slack.example/services/T000/B000/secretsecret");
    expect(await auditCount("WebhookEndpoint", hook.id, "webhook.created")).toBe(1);
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: hook.id } });
    expect(JSON.stringify(row.data)).not.toContain("secretsecret");
    expect((await listWebhookEndpoints(architect)).find((h) => h.id === hook.id)?.url).not.toContain("secretsecret");
    await deleteWebhookEndpoint({ actor: architect, input: { id: hook.id } });
  });

  it.each(NOT_ARCHITECT)("refuses %s: create, toggle, delete, test, list; nothing written", async (role) => {
    const actor = await createUser(role);
    const architect = await createUser("ARCHITECT");
    const name = `hook ${uid()}`;
    await expect(createWebhookEndpoint({ actor, input: { name, url: "https://example.test/h", active: false } })).rejects.toThrow(ForbiddenError);
    expect(await db.webhookEndpoint.count({ where: { name } })).toBe(0);
    const hook = await createWebhookEndpoint({ actor: architect, input: { name, url: "https://example.test/h", active: false } });
    const before = await db.auditLog.count({ where: { entityId: hook.id } });
    await expect(setWebhookEndpointActive({ actor, input: { id: hook.id, active: true } })).rejects.toThrow(ForbiddenError);
    await expect(deleteWebhookEndpoint({ actor, input: { id: hook.id } })).rejects.toThrow(ForbiddenError);
    await expect(sendWebhookTest({ actor, input: { id: hook.id } })).rejects.toThrow(ForbiddenError);
    await expect(listWebhookEndpoints(actor)).rejects.toThrow(ForbiddenError);
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } })).toMatchObject({ active: false, name });
    expect(await db.auditLog.count({ where: { entityId: hook.id } })).toBe(before);
    await deleteWebhookEndpoint({ actor: architect, input: { id: hook.id } });
  });

  it("validates name, URL scheme and format with field messages", async () => {
    const architect = await createUser("ARCHITECT");
    const err = await createWebhookEndpoint({ actor: architect, input: { name: "  ", url: "ftp://example.test/x", format: "teams" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual({ name: "Name is required", url: "Enter an http:// or https:// URL", format: "Choose generic JSON or Slack" });
    await expect(createWebhookEndpoint({ actor: architect, input: { name: "x", url: "javascript:alert(1)" } })).rejects.toThrow(ValidationError);
  });

  it("toggles and deletes with audit rows; unknown ids are NotFound", async () => {
    const architect = await createUser("ARCHITECT");
    const hook = await createWebhookEndpoint({ actor: architect, input: { name: `hook ${uid()}`, url: "http://127.0.0.1:9/h", active: false } });
    // active for a moment only (see the note above)
    expect(await setWebhookEndpointActive({ actor: architect, input: { id: hook.id, active: "true" } })).toMatchObject({ active: true });
    expect(await setWebhookEndpointActive({ actor: architect, input: { id: hook.id, active: false } })).toMatchObject({ active: false });
    expect(await auditCount("WebhookEndpoint", hook.id, "webhook.activated")).toBe(1);
    expect(await auditCount("WebhookEndpoint", hook.id, "webhook.deactivated")).toBe(1);
    await deleteWebhookEndpoint({ actor: architect, input: { id: hook.id } });
    expect(await db.webhookEndpoint.count({ where: { id: hook.id } })).toBe(0);
    expect(await auditCount("WebhookEndpoint", hook.id, "webhook.deleted")).toBe(1);
    await expect(deleteWebhookEndpoint({ actor: architect, input: { id: hook.id } })).rejects.toThrow(NotFoundError);
    await expect(setWebhookEndpointActive({ actor: architect, input: { id: hook.id, active: true } })).rejects.toThrow(NotFoundError);
  });

  it("sends a test message that the worker delivers to the real receiver", async () => {
    const rx = await startWebhookReceiver();
    try {
      const architect = await createUser("ARCHITECT");
      const hook = await createWebhookEndpoint({ actor: architect, input: { name: `hook ${uid()}`, url: rx.url(), active: false } });
      const { outboxId } = await sendWebhookTest({ actor: architect, input: { id: hook.id }, now: T0 });
      expect(outboxId).toBeTruthy();
      expect(await deliverDue(T0, { ids: [outboxId!] })).toMatchObject({ delivered: 1 });
      expect(rx.received).toHaveLength(1);
      expect(rx.received[0].headers["x-opsgate-event"]).toBe("webhook.test");
      expect(rx.received[0].json).toMatchObject({ id: outboxId, event: "webhook.test" });
      expect(await auditCount("WebhookEndpoint", hook.id, "webhook.tested")).toBe(1);
      await deleteWebhookEndpoint({ actor: architect, input: { id: hook.id } });
    } finally {
      await rx.close();
    }
  });
});

describe("deliveries (ARCHITECT only)", () => {
  it("shows a failed delivery with its last error, and 'retry now' delivers it", async () => {
    let healthy = false;
    const rx = await startWebhookReceiver(() => (healthy ? 200 : 502));
    try {
      const architect = await createUser("ARCHITECT");
      const dedupeKey = `jobs-retry:${uid()}`;
      await db.$transaction((tx) => enqueue(tx, [{ channel: "webhook", target: rx.url("/retry/tokenpart"), subject: "Retry me", payload: { event: "x.y", title: "Retry me", body: "" }, dedupeKey }], T0));
      const { id } = await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey } });
      for (let i = 0; i < 2; i++) await deliverDue(new Date(T0.getTime() + i * 7200_000), { ids: [id], maxAttempts: 2 });
      const failed = await listDeliveries(architect, { filter: "failed", limit: 100 });
      const row = failed.find((d) => d.id === id);
      expect(row).toMatchObject({ status: "failed", attempts: 2, subject: "Retry me", channel: "webhook" });
      expect(row?.lastError).toMatch(/^HTTP 502/);
      expect(row?.target).not.toContain("tokenpart");
      expect((await deliveryCounts(architect)).failed).toBeGreaterThanOrEqual(1);

      const viewer = await createUser("SRE");
      await expect(listDeliveries(viewer, { filter: "failed" })).rejects.toThrow(ForbiddenError);
      await expect(retryDelivery({ actor: viewer, input: { id } })).rejects.toThrow(ForbiddenError);
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "failed" });
      expect(await auditCount("OutboxMessage", id)).toBe(0);

      const later = new Date(T0.getTime() + 86_400_000);
      await retryDelivery({ actor: architect, input: { id }, now: later });
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: later });
      expect(await auditCount("OutboxMessage", id, "delivery.retried")).toBe(1);
      healthy = true;
      expect(await deliverDue(later, { ids: [id] })).toMatchObject({ delivered: 1 });
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "delivered", lastError: null });
      expect(rx.received).toHaveLength(3);
      await expect(retryDelivery({ actor: architect, input: { id } })).rejects.toThrow(ConflictError);
      await expect(retryDelivery({ actor: architect, input: { id: `nope-${uid()}` } })).rejects.toThrow(NotFoundError);
    } finally {
      await rx.close();
    }
  });
});

describe("in-app notifications", () => {
  async function seed(userId: string, n: number) {
    for (let i = 0; i < n; i++) {
      // raw rows on purpose: the test is about paginating stored notifications, whatever wrote them
      await db.notification.create({ data: { userId, title: `N${i}`, body: `body ${i}`, link: `/incidents/${i}`, createdAt: new Date(T0.getTime() + i * 1000) } });
    }
  }

  it("lists only the caller's notifications, newest first, with cursor pagination", async () => {
    const me = await createUser("VIEWER");
    const other = await createUser("SRE");
    await seed(me.id, 5);
    await seed(other.id, 2);
    const p1 = await listNotifications(me, { limit: 2 });
    expect(p1.data.map((n) => n.title)).toEqual(["N4", "N3"]);
    expect(p1.nextCursor).toBe(p1.data[1].id);
    const p2 = await listNotifications(me, { limit: 2, cursor: p1.nextCursor! });
    expect(p2.data.map((n) => n.title)).toEqual(["N2", "N1"]);
    const p3 = await listNotifications(me, { limit: 2, cursor: p2.nextCursor! });
    expect(p3).toMatchObject({ nextCursor: null });
    expect(p3.data.map((n) => n.title)).toEqual(["N0"]);
    expect(await countUnreadNotifications(me)).toBe(5);
  });

  it("marks all of one's own notifications read (audited), never someone else's", async () => {
    const me = await createUser("VIEWER");
    const other = await createUser("SRE");
    await seed(me.id, 3);
    await seed(other.id, 2);
    const theirs = await db.notification.findFirstOrThrow({ where: { userId: other.id } });
    // someone else's id is not matched
    expect(await markNotificationsRead({ actor: me, input: { ids: [theirs.id] }, now: T0 })).toEqual({ updated: 0 });
    expect(await auditCount("User", me.id, "notifications.marked_read")).toBe(0);
    expect(await markNotificationsRead({ actor: me, input: {}, now: T0 })).toEqual({ updated: 3 });
    expect(await countUnreadNotifications(me)).toBe(0);
    expect(await countUnreadNotifications(other)).toBe(2);
    expect(await auditCount("User", me.id, "notifications.marked_read")).toBe(1);
    expect(await markNotificationsRead({ actor: me, input: {}, now: T0 })).toEqual({ updated: 0 });
    await expect(markNotificationsRead({ actor: me, input: { ids: "x" } })).rejects.toThrow(ValidationError);
  });

  it("serves GET /api/v1/notifications and POST /api/v1/notifications/read with a bearer token", async () => {
    const me = await createUser("AUTOMATION");
    await seed(me.id, 3);
    const { secret } = await createApiToken({ actor: me, input: { name: "t" } });
    const auth = { authorization: `Bearer ${secret}` };

    const res = await listRoute(new Request("http://t/api/v1/notifications?limit=2", { headers: auth }));
    expect(res.status).toBe(200);
    const page = (await res.json()) as { data: { title: string; readAt: string | null; link: string }[]; nextCursor: string | null };
    expect(page.data.map((n) => n.title)).toEqual(["N2", "N1"]);
    expect(page.data[0]).toMatchObject({ readAt: null, link: "/incidents/2" });
    expect(page.nextCursor).toBeTruthy();

    const bad = await listRoute(new Request("http://t/api/v1/notifications?limit=1000", { headers: auth }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; fields: Record<string, string> } }).error).toMatchObject({ code: "validation_failed", fields: { limit: expect.any(String) } });

    const one = await db.notification.findFirstOrThrow({ where: { userId: me.id, title: "N0" } });
    const r1 = await markReadRoute(new Request("http://t/api/v1/notifications/read", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ ids: [one.id] }) }));
    expect(r1.status).toBe(200);
    expect(await r1.json()).toEqual({ updated: 1 });
    const r2 = await markReadRoute(new Request("http://t/api/v1/notifications/read", { method: "POST", headers: auth }));
    expect(await r2.json()).toEqual({ updated: 2 });

    const unread = await listRoute(new Request("http://t/api/v1/notifications?unread=true", { headers: auth }));
    expect(((await unread.json()) as { data: unknown[] }).data).toEqual([]);

    const anon = await listRoute(new Request("http://t/api/v1/notifications"));
    expect(anon.status).toBe(401);
    const malformed = await markReadRoute(new Request("http://t/api/v1/notifications/read", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{nope" }));
    expect(malformed.status).toBe(400);
  });
});
