import { describe, expect, it } from "vitest";
import { GET as NOT_FOUND_GET, POST as NOT_FOUND_POST } from "../../app/api/v1/[...path]/route";
import { POST as DECLARE } from "../../app/api/v1/incidents/route";
import { POST as subscribePOST } from "../../app/status/subscribe/route";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { createComponent, createUser, uid } from "../support/factories";

/*
 * Issue 11, holes 3 (CSRF by content-type), 6 (body limits) and 10 (JSON
 * errors), through the real route handlers. The Origin rule for cookie
 * sessions is in lib/http/security.test.ts (assertSameOrigin) and
 * e2e/dashboard/security.spec.ts (a real signed-in browser session).
 */

async function token() {
  const actor = await createUser("SRE");
  return (await createApiToken({ actor, input: { name: "t" } })).secret;
}

const declareBody = async (title: string) => {
  const c = await createComponent("DBA", { group: "Database" });
  return { title, severity: "P3", impact: "x", componentIds: [c.id], currentAction: "y" };
};

describe("content type (CSRF by a text/plain form)", () => {
  it("a JSON body sent as text/plain is refused with 415 and creates nothing", async () => {
    const t = await token();
    const title = `CSRF ${uid()}`;
    const body = JSON.stringify(await declareBody(title));
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]) {
      const headers: Record<string, string> = { authorization: `Bearer ${t}` };
      const req = new Request("http://t/api/v1/incidents", { method: "POST", headers, body: new Blob([body], { type }) });
      const res = await DECLARE(req, { params: Promise.resolve({}) });
      expect(res.status, type).toBe(415);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
    }
    expect(await db.incident.count({ where: { title } })).toBe(0);
  });

  it("application/json (with a charset) is accepted", async () => {
    const t = await token();
    const title = `JSON ok ${uid()}`;
    const req = new Request("http://t/api/v1/incidents", { method: "POST", headers: { authorization: `Bearer ${t}`, "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(await declareBody(title)) });
    expect((await DECLARE(req, { params: Promise.resolve({}) })).status).toBe(201);
    expect(await db.incident.count({ where: { title } })).toBe(1);
  });
});

describe("body limits", () => {
  it("the API refuses more than 1 MB with 413 and writes nothing", async () => {
    const t = await token();
    const title = `Huge ${uid()}`;
    const body = JSON.stringify({ ...(await declareBody(title)), impact: "x".repeat(1024 * 1024 + 10) });
    const req = new Request("http://t/api/v1/incidents", { method: "POST", headers: { authorization: `Bearer ${t}`, "content-type": "application/json" }, body });
    const res = await DECLARE(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    expect(await db.incident.count({ where: { title } })).toBe(0);
  });

  it("a chunked body (no Content-Length) is cut at the limit", async () => {
    const t = await token();
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 40) c.enqueue(chunk); // 2.5 MB if fully read
        else c.close();
      },
    });
    const req = new Request("http://t/api/v1/incidents", { method: "POST", headers: { authorization: `Bearer ${t}`, "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit);
    const res = await DECLARE(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(25); // stopped reading soon after 1 MB
  });

  it("the public subscribe form refuses more than 64 kB with 413 and writes nothing", async () => {
    const before = await db.statusSubscriber.count();
    const target = `big-${uid()}@example.test`;
    const json = new Request("http://t/status/subscribe", { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${uid()}` }, body: JSON.stringify({ kind: "email", target, pad: "x".repeat(70 * 1024) }) });
    expect((await subscribePOST(json)).status).toBe(413);
    const f = new FormData();
    f.append("kind", "email");
    f.append("target", target);
    f.append("pad", "x".repeat(70 * 1024));
    const form = await subscribePOST(new Request("http://t/status/subscribe", { method: "POST", headers: { "x-forwarded-for": `198.51.100.${uid()}` }, body: f }));
    expect(form.status).toBe(413);
    expect(await form.text()).toContain("larger than 64 kB");
    expect(await db.statusSubscriber.count()).toBe(before);
  });
});

describe("JSON errors", () => {
  it("unknown /api/v1 paths answer a JSON 404 for every method", async () => {
    for (const [handler, method] of [
      [NOT_FOUND_GET, "GET"],
      [NOT_FOUND_POST, "POST"],
    ] as const) {
      const res = await handler(new Request("http://t/api/v1/no-such-thing/42", { method }));
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });
});
