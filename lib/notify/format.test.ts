import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import Stripe from "stripe";
import { absoluteLink, emailContent, maskUrl, readPayload, signature, SIGNATURE_TOLERANCE_SECONDS, slackBody, verifySignature, webhookBody, ntfyRequest } from "./format";

const base = "https://ops.example.test";
const msg = (payload: unknown, subject = "Subject") => ({ id: "m1", target: "x", subject, payload, createdAt: new Date("2026-05-01T10:00:00Z") });

describe("readPayload", () => {
  it("reads notify()'s payload", () => {
    expect(readPayload(msg({ event: "e", title: "T", body: "B", link: "/x", data: { a: 1 } }))).toEqual({ event: "e", title: "T", body: "B", link: "/x", data: { a: 1 } });
  });
  it("falls back to safe defaults for partial or odd payloads", () => {
    expect(readPayload(msg(null, "S"))).toEqual({ event: "notification", title: "S", body: "", link: null, data: {} });
    expect(readPayload(msg({ title: 5, data: [1] }, "S"))).toEqual({ event: "notification", title: "S", body: "", link: null, data: {} });
  });
});

describe("absoluteLink", () => {
  it("resolves in-app paths against the public URL and keeps absolute ones", () => {
    expect(absoluteLink("/incidents/1", base)).toBe("https://ops.example.test/incidents/1");
    expect(absoluteLink("https://other.test/x", base)).toBe("https://other.test/x");
    expect(absoluteLink(null, base)).toBeNull();
    expect(absoluteLink("/x", "not a url")).toBeNull();
  });
});

describe("bodies", () => {
  const m = msg({ event: "incident.declared", title: "P1 <db>", body: "a & b", link: "/incidents/9", data: { s: "P1" } });
  it("generic webhook: id, event, title, body, absolute link, data, timestamp", () => {
    expect(webhookBody(m, base)).toEqual({ id: "m1", event: "incident.declared", title: "P1 <db>", body: "a & b", link: "https://ops.example.test/incidents/9", data: { s: "P1" }, timestamp: "2026-05-01T10:00:00.000Z" });
  });
  it("slack: bold title, escaped text, link on its own line; empty lines dropped", () => {
    expect(slackBody(m, base)).toEqual({ text: "*P1 &lt;db&gt;*\na &amp; b\nhttps://ops.example.test/incidents/9" });
    expect(slackBody(msg({ title: "Only" }), base)).toEqual({ text: "*Only*" });
  });
  it("email: subject, text with link, escaped HTML", () => {
    const e = emailContent(m, base);
    expect(e.subject).toBe("Subject");
    expect(e.text).toBe("a & b\n\nOpen in OpsGate: https://ops.example.test/incidents/9");
    expect(e.html).toContain("P1 &lt;db&gt;");
    expect(e.html).toContain('href="https://ops.example.test/incidents/9"');
    expect(e.html).not.toContain("<db>");
  });
});

describe("signature and masking", () => {
  const now = new Date("2026-12-02T10:00:00Z");
  const t = now.getTime() / 1000;
  it("signs t=<unix>,v1=<HMAC-SHA256 of \"t.body\">", () => {
    expect(signature("k", "{}", now)).toBe(`t=${t},v1=${createHmac("sha256", "k").update(`${t}.{}`).digest("hex")}`);
  });
  it("an independent Stripe-style verifier (stripe.webhooks) accepts it within 5 minutes and refuses a replay after", () => {
    const body = JSON.stringify({ event: "incident.declared", title: "x" });
    const header = signature("whsec-test-secret", body, now);
    const stripe = new Stripe("sk_test_unused");
    const sig = stripe.webhooks.signature!;
    // receivedAt is in milliseconds
    const check = (s: number) => sig.verifyHeader(body, header, "whsec-test-secret", SIGNATURE_TOLERANCE_SECONDS, undefined, (t + s) * 1000);
    expect(check(299)).toBe(true);
    expect(() => check(301)).toThrow(/tolerance/i);
    expect(() => sig.verifyHeader(body.replace('"x"', '"y"'), header, "whsec-test-secret", 300, undefined, t * 1000)).toThrow(/signature/i);
  });
  it("verifySignature: the documented receiver check", () => {
    const header = signature("k", "{}", now);
    expect(verifySignature("k", header, "{}", new Date(now.getTime() + 299_000))).toBe(true);
    expect(verifySignature("k", header, "{}", new Date(now.getTime() + 301_000))).toBe(false);
    expect(verifySignature("other", header, "{}", now)).toBe(false);
    expect(verifySignature("k", header, "{ }", now)).toBe(false);
    expect(verifySignature("k", "v1=abc", "{}", now)).toBe(false);
  });
  it("hides the secret part of long URLs", () => {
    expect(maskUrl("https://hooks.slack.com/services/T000/B000/abcdefghijkl")).toBe("https://hooks.slack.com/servi…ijkl");
    expect(maskUrl("https://example.test/hook")).toBe("https://example.test/hook");
    expect(maskUrl("nope")).toBe("(invalid URL)");
  });
});

describe("ntfyRequest", () => {
  const base = { id: "m1", target: "https://ntfy.example/topic", subject: "s", createdAt: new Date("2026-01-01T00:00:00Z") };
  it("posts the text with Title, Priority, Click and an acknowledge action", () => {
    const req = ntfyRequest({ ...base, payload: { event: "incident.paged", title: "Paged · level 1 · P1 DB down", body: "Ack: https://og/ack/t", link: "/incidents/i1", data: { priority: "5", ackUrl: "https://og/ack/t" } } }, "https://og.example");
    expect(req.body).toBe("Ack: https://og/ack/t");
    expect(req.headers).toMatchObject({ title: expect.stringMatching(/^=\?UTF-8\?B\?/), priority: "5", click: "https://og.example/incidents/i1", actions: "view, Acknowledge, https://og/ack/t, clear=true" });
    expect(Buffer.from(req.headers.title.slice(10, -2), "base64").toString("utf8")).toBe("Paged · level 1 · P1 DB down");
  });
  it("keeps ASCII titles as they are, defaults the priority and never lets a newline into a header", () => {
    const req = ntfyRequest({ ...base, payload: { event: "contact.test", title: "Test\r\nInjected: 1", body: "", link: null, data: { priority: "9" } } }, "https://og.example");
    expect(req.headers.title).toBe("Test Injected: 1");
    expect(req.headers.priority).toBe("3");
    expect(req.headers.click).toBeUndefined();
    expect(req.body).toBe("Test\r\nInjected: 1");
  });
});
