import { describe, expect, it } from "vitest";
import { SLACK_TOLERANCE_MS, slackSignature, verifySlackRequest } from "./signature";

// Slack's documented example (api.slack.com/authentication/verifying-requests-from-slack)
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const TS = "1531420618";
const BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const DOCUMENTED = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
const NOW = new Date(Number(TS) * 1000);

describe("Slack v0 signatures", () => {
  it("reproduces Slack's documented example signature", () => {
    expect(slackSignature(SECRET, TS, BODY)).toBe(DOCUMENTED);
  });
  it("accepts the correct signature within the window, at both edges", () => {
    expect(verifySlackRequest({ secret: SECRET, timestamp: TS, signature: DOCUMENTED, rawBody: BODY }, NOW)).toEqual({ ok: true });
    expect(verifySlackRequest({ secret: SECRET, timestamp: TS, signature: DOCUMENTED, rawBody: BODY }, new Date(NOW.getTime() + SLACK_TOLERANCE_MS))).toEqual({ ok: true });
    expect(verifySlackRequest({ secret: SECRET, timestamp: TS, signature: DOCUMENTED, rawBody: BODY }, new Date(NOW.getTime() - SLACK_TOLERANCE_MS))).toEqual({ ok: true });
  });
  it("refuses a timestamp 1 ms outside the 5-minute window (replay)", () => {
    expect(verifySlackRequest({ secret: SECRET, timestamp: TS, signature: DOCUMENTED, rawBody: BODY }, new Date(NOW.getTime() + SLACK_TOLERANCE_MS + 1))).toEqual({ ok: false, reason: "stale" });
    expect(verifySlackRequest({ secret: SECRET, timestamp: TS, signature: DOCUMENTED, rawBody: BODY }, new Date(NOW.getTime() - SLACK_TOLERANCE_MS - 1))).toEqual({ ok: false, reason: "stale" });
  });
  it("refuses a changed body, a wrong secret, a truncated or malformed signature", () => {
    expect(verifySlackRequest({ secret: SECRET, timestamp: TS, signature: DOCUMENTED, rawBody: BODY + "&x=1" }, NOW)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifySlackRequest({ secret: "other", timestamp: TS, signature: DOCUMENTED, rawBody: BODY }, NOW)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifySlackRequest({ secret: SECRET, timestamp: TS, signature: DOCUMENTED.slice(0, -2), rawBody: BODY }, NOW)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifySlackRequest({ secret: SECRET, timestamp: TS, signature: "v1=" + DOCUMENTED.slice(3), rawBody: BODY }, NOW)).toEqual({ ok: false, reason: "bad_signature" });
  });
  it("refuses missing headers or secret, and a non-numeric timestamp", () => {
    expect(verifySlackRequest({ secret: SECRET, timestamp: null, signature: DOCUMENTED, rawBody: BODY }, NOW)).toEqual({ ok: false, reason: "missing" });
    expect(verifySlackRequest({ secret: SECRET, timestamp: TS, signature: null, rawBody: BODY }, NOW)).toEqual({ ok: false, reason: "missing" });
    expect(verifySlackRequest({ secret: "", timestamp: TS, signature: DOCUMENTED, rawBody: BODY }, NOW)).toEqual({ ok: false, reason: "missing" });
    expect(verifySlackRequest({ secret: SECRET, timestamp: "1531420618.5", signature: DOCUMENTED, rawBody: BODY }, NOW)).toEqual({ ok: false, reason: "stale" });
  });
});
