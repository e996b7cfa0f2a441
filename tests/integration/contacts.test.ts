import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/session";
import { createContactMethod, createNotificationRule, deleteContactMethod, deleteNotificationRule, listMyContacts, sendContactTestNow } from "../../lib/contacts/commands";
import { runNotificationRules } from "../../lib/contacts/deliver";
import { db } from "../../lib/db/client";
import { resetEnvCache } from "../../lib/env";
import { NotFoundError, ValidationError } from "../../lib/errors";
import { acknowledgeIncident } from "../../lib/incidents/acknowledge-incident";
import { deliverDue } from "../../lib/jobs/deliver-due";
import { tickEscalations } from "../../lib/oncall/tick-escalations";
import { auditCount, createUser, uid } from "../support/factories";
import { startSmtpSink, startWebhookReceiver } from "../support/receivers";

const MIN = 60_000;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let rx: Awaited<ReturnType<typeof startWebhookReceiver>>;
let sre: Actor;

beforeAll(async () => {
  sink = await startSmtpSink();
  rx = await startWebhookReceiver();
  process.env.SMTP_URL = sink.url;
  resetEnvCache();
  sre = await createUser("SRE");
  await db.rotation.create({ data: { name: `SRE ${uid()}`, role: "SRE", anchorAt: new Date("2026-01-01T09:00:00.000Z"), members: { create: [{ userId: sre.id, position: 0 }] } } });
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvCache();
  await Promise.all([sink.close(), rx.close()]);
});

describe("contact methods", () => {
  it("validates by kind (400 names the field), masks secrets, and is one's own only", async () => {
    await expect(createContactMethod({ actor: sre, input: { kind: "email", label: "Mail", target: "not-an-address" } })).rejects.toMatchObject({ fields: { target: "Enter a valid email address" } });
    await expect(createContactMethod({ actor: sre, input: { kind: "ntfy", label: "Phone", target: "ftp://x" } })).rejects.toMatchObject({ fields: { target: "Enter an http:// or https:// URL" } });
    await expect(createContactMethod({ actor: sre, input: { kind: "pager", label: "x", target: "y" } })).rejects.toBeInstanceOf(ValidationError);
    await expect(createContactMethod({ actor: sre, input: { kind: "email", label: "x".repeat(81), target: "a@b.example" } })).rejects.toMatchObject({ fields: { label: "At most 80 characters" } });
    const slack = await createContactMethod({ actor: sre, input: { kind: "slack", label: "DM", target: "https://hooks.slack.example/services/T000/B000/secretsecretsecret" } });
    expect(slack.target).not.toContain("secretsecretsecret");
    expect((await listMyContacts(sre)).methods.find((m) => m.id === slack.id)?.target).not.toContain("secretsecretsecret");
    expect(await auditCount("ContactMethod", slack.id, "contact.created")).toBe(1);
    const other = await createUser("DBA");
    await expect(deleteContactMethod({ actor: other, input: { id: slack.id } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createNotificationRule({ actor: other, input: { contactMethodId: slack.id, delayMinutes: 0 } })).rejects.toMatchObject({ fields: { contactMethodId: expect.any(String) } });
    await expect(createNotificationRule({ actor: sre, input: { contactMethodId: slack.id, delayMinutes: 1441 } })).rejects.toMatchObject({ fields: { delayMinutes: expect.any(String) } });
    await deleteContactMethod({ actor: sre, input: { id: slack.id } });
    expect(await db.contactMethod.count({ where: { id: slack.id } })).toBe(0);
  });

  it("send test reaches a real ntfy-style receiver (Title/Priority headers) and a webhook receiver on loopback", async () => {
    const push = await createContactMethod({ actor: sre, input: { kind: "ntfy", label: "Phone", target: rx.url("/ntfy/test-topic") } });
    expect(await sendContactTestNow({ actor: sre, input: { id: push.id } })).toEqual({ delivered: true, lastError: null });
    const got = rx.received.find((r) => r.path === "/ntfy/test-topic")!;
    expect(got.headers).toMatchObject({ title: `OpsGate test message for "Phone"`, priority: "3" });
    expect(got.raw).toContain("this is how OpsGate pages you here");
    const hook = await createContactMethod({ actor: sre, input: { kind: "webhook", label: "Mine", target: rx.url("/mine") } });
    expect(await sendContactTestNow({ actor: sre, input: { id: hook.id } })).toEqual({ delivered: true, lastError: null });
    expect(rx.received.find((r) => r.path === "/mine")?.json).toMatchObject({ event: "contact.test" });
    expect(await auditCount("ContactMethod", hook.id, "contact.tested")).toBe(1);
    await deleteContactMethod({ actor: sre, input: { id: push.id } });
    await deleteContactMethod({ actor: sre, input: { id: hook.id } });
  });

  it("without OPSGATE_ALLOW_PRIVATE_WEBHOOKS a loopback target is refused at send time", async () => {
    const hook = await createContactMethod({ actor: sre, input: { kind: "webhook", label: "Loop", target: rx.url("/refused") } });
    process.env.OPSGATE_ALLOW_PRIVATE_WEBHOOKS = "false";
    resetEnvCache();
    try {
      const res = await sendContactTestNow({ actor: sre, input: { id: hook.id } });
      expect(res.delivered).toBe(false);
      expect(res.lastError).toMatch(/private|loopback|refused/i);
      expect(rx.received.some((r) => r.path === "/refused")).toBe(false);
    } finally {
      process.env.OPSGATE_ALLOW_PRIVATE_WEBHOOKS = "true";
      resetEnvCache();
      await deleteContactMethod({ actor: sre, input: { id: hook.id } });
    }
  });
});

describe("notification rules (injected clock)", () => {
  it("on a page: immediately push, after 2 min email, after 5 min Slack — until acknowledged", async () => {
    const address = `pager-${uid()}@example.test`;
    const push = await createContactMethod({ actor: sre, input: { kind: "ntfy", label: "Push", target: rx.url("/ntfy/rules") } });
    const mail = await createContactMethod({ actor: sre, input: { kind: "email", label: "Mail", target: address } });
    const slack = await createContactMethod({ actor: sre, input: { kind: "slack", label: "Slack DM", target: rx.url("/slack/rules") } });
    await createNotificationRule({ actor: sre, input: { contactMethodId: push.id, delayMinutes: 0 } });
    await createNotificationRule({ actor: sre, input: { contactMethodId: mail.id, delayMinutes: 2 } });
    const slackRule = await createNotificationRule({ actor: sre, input: { contactMethodId: slack.id, delayMinutes: 5 } });
    await expect(createNotificationRule({ actor: sre, input: { contactMethodId: slack.id, delayMinutes: 5 } })).rejects.toMatchObject({ status: 409 });

    const t0 = new Date();
    const at = (m: number) => new Date(t0.getTime() + m * MIN);
    const mk = (title: string) => db.incident.create({ data: { title, severity: "P1", impact: "x", currentAction: "y", declaredById: sre.id, declaredAt: t0, lastUpdateAt: t0 } });
    const acked = await mk(`Rules acked ${uid()}`);
    const open = await mk(`Rules open ${uid()}`);
    const scope = [acked.id, open.id];
    await tickEscalations(t0, { scope });
    const pushes = () => rx.received.filter((r) => r.path === "/ntfy/rules");
    const mailsTo = () => sink.mails.filter((m) => m.to.includes(address));
    const slacks = () => rx.received.filter((r) => r.path === "/slack/rules");

    // +0: the push went out with the page (same transaction), with priority 5 and the acknowledge action
    await deliverDue(at(0));
    expect(pushes()).toHaveLength(2);
    expect(pushes()[0].headers.priority).toBe("5");
    expect(String(pushes()[0].headers.actions)).toMatch(/^view, Acknowledge, http.*\/ack\/[\w-]+\.[\w-]+, clear=true$/);
    expect(pushes()[0].raw).toContain("/ack/");
    expect(mailsTo()).toHaveLength(0);

    // +1:59.999: nothing new; +2: the email, carrying an acknowledge link
    await runNotificationRules(new Date(at(2).getTime() - 1), { scope });
    await deliverDue(at(2));
    expect(mailsTo()).toHaveLength(0);
    await runNotificationRules(at(2), { scope });
    await runNotificationRules(at(2), { scope }); // idempotent
    await deliverDue(at(2));
    expect(mailsTo()).toHaveLength(2);
    expect(mailsTo()[0].raw).toContain("/ack/");

    // acknowledged at +3: the 5-minute Slack rule never fires for it; the open one still escalates
    await acknowledgeIncident({ actor: sre, id: acked.id, now: at(3) });
    await runNotificationRules(at(5), { scope });
    await deliverDue(at(5));
    expect(slacks()).toHaveLength(1);
    expect(String(slacks()[0].json.text)).toContain(open.title);
    expect(await db.outboxMessage.count({ where: { dedupeKey: { contains: `rule:${slackRule.id}` } } })).toBe(1);
    // a rule that is deleted stops too
    await deleteNotificationRule({ actor: sre, input: { id: slackRule.id } });
    expect((await listMyContacts(sre)).rules.map((r) => r.delayMinutes)).toEqual([0, 2]);
  });
});
