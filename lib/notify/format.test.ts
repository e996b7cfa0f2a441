import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { absoluteLink, emailContent, maskUrl, readPayload, signature, slackBody, webhookBody } from "./format";

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
  it("signs the raw body with HMAC-SHA256", () => {
    expect(signature("k", "{}")).toBe(`sha256=${createHmac("sha256", "k").update("{}").digest("hex")}`);
  });
  it("hides the secret part of long URLs", () => {
    expect(maskUrl("https://hooks.slack.com/services/T000/B000/abcdefghijkl")).toBe("https://hooks.slack.com/servi…ijkl");
    expect(maskUrl("https://example.test/hook")).toBe("https://example.test/hook");
    expect(maskUrl("nope")).toBe("(invalid URL)");
  });
});
