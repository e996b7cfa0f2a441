import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { addressRange, guardedLookup, isPublicAddress, OutboundError, safeFetch } from "@/lib/net/outbound";
import { DeliveryError, sendWebhook } from "@/lib/notify/channels";

/*
 * The SSRF refusal matrix (issue 11, hole 1). Real loopback receivers; the
 * env flag is off unless a case turns it on.
 */

type Hit = { path: string; body: string };
let server: http.Server;
let base: string;
const hits: Hit[] = [];
let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => res.writeHead(200).end("ok");

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hits.push({ path: req.url ?? "/", body: Buffer.concat(chunks).toString("utf8") });
      answer(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});
afterEach(() => {
  hits.length = 0;
  answer = (_req, res) => res.writeHead(200).end("ok");
  delete process.env.OPSGATE_ALLOW_PRIVATE_WEBHOOKS;
  resetEnvCache();
});

const port = () => new URL(base).port;
const refused = async (url: string, init = {}) => {
  const err = await safeFetch(url, { body: "{}", timeoutMs: 2000, ...init }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, url).toBeInstanceOf(OutboundError);
  expect((err as OutboundError).kind, url).toBe("refused");
  return (err as OutboundError).message;
};

describe("address classes", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.0.1", "private"],
    ["100.64.0.1", "carrierGradeNat"],
    ["169.254.169.254", "linkLocal"],
    ["224.0.0.1", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "linkLocal"],
    ["fc00::1", "uniqueLocal"],
    ["fd00:ec2::254", "uniqueLocal"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:a9fe:a9fe", "linkLocal"],
    ["64:ff9b::7f00:1", "rfc6052"],
  ])("%s is %s and not public", (ip, range) => {
    expect(addressRange(ip)).toBe(range);
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111"])("%s is public", (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

describe("safeFetch with OPSGATE_ALLOW_PRIVATE_WEBHOOKS unset", () => {
  it.each(["ftp://example.com/x", "file:///etc/passwd", "gopher://example.com/", "javascript:alert(1)", "data:text/plain,hi", "not a url"])("refuses the scheme of %s", async (url) => {
    expect(await refused(url)).toMatch(/only http and https|not a valid URL/);
  });

  it.each([
    "http://127.0.0.1:PORT/x",
    "http://10.0.0.1/x",
    "http://172.31.255.1/x",
    "http://192.168.1.1/x",
    "http://100.100.0.1/x",
    "http://169.254.169.254/latest/meta-data/",
    "http://224.0.0.1/x",
    "http://0.0.0.0:PORT/x",
    "http://[::1]:PORT/x",
    "http://[fe80::1]/x",
    "http://[fc00::1]/x",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://[::ffff:127.0.0.1]:PORT/x",
    "http://[::ffff:a9fe:a9fe]/x",
    "http://2130706433:PORT/x", // 127.0.0.1 as one number
    "http://0x7f.1:PORT/x", // 127.0.0.1 in hex shorthand
    "https://127.0.0.1:PORT/x",
    "http://localhost:PORT/x",
    "http://api.localhost:PORT/x",
  ])("refuses %s before connecting", async (template) => {
    expect(await refused(template.replace("PORT", port()))).toMatch(/^refused: /);
    expect(hits).toHaveLength(0);
  });

  it("refuses a hostname whose DNS answer is private, at send time, and sends nothing", async () => {
    const resolve = async () => [{ address: "127.0.0.1", family: 4 }];
    expect(await refused(`http://hooks.example.test:${port()}/x`, { resolve })).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(hits).toHaveLength(0);
  });

  it("refuses when any of several DNS answers is private (no picking the public one and racing)", async () => {
    const resolve = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "::ffff:127.0.0.1", family: 6 },
    ];
    expect(await refused(`http://mixed.example.test:${port()}/x`, { resolve })).toMatch(/loopback/);
    expect(hits).toHaveLength(0);
  });

  it("resolves once per request, inside the connection: a DNS answer that changes to loopback is refused", async () => {
    const answers = ["93.184.216.34", "127.0.0.1"];
    let calls = 0;
    const resolve = async () => [{ address: answers[Math.min(calls++, 1)], family: 4 }];
    // the first answer is public: the guard hands exactly that address to the socket
    const first = await new Promise<{ address: string }>((done, fail) =>
      guardedLookup(resolve, false)("rebind.example.test", { family: 0 }, (err, address) => (err ? fail(err) : done({ address: address as string }))),
    );
    expect(first.address).toBe("93.184.216.34");
    // the next connection's lookup gets the loopback answer and is refused: no window between check and use
    expect(await refused(`http://rebind.example.test:${port()}/x`, { resolve })).toMatch(/loopback/);
    expect(calls).toBe(2);
    expect(hits).toHaveLength(0);
  });

  it("refuses a name that DNS maps to a private address", async () => {
    // "localhost" itself is refused by name; a name that only DNS/hosts maps to loopback is refused by its answer
    const resolve = async (h: string) => (h === "internal.example.test" ? [{ address: "10.0.0.5", family: 4 }] : []);
    expect(await refused("http://internal.example.test/x", { resolve })).toMatch(/10\.0\.0\.5 is a private address/);
  });

  it("the status subscriber / webhook channel uses the guard: loopback refused, nothing received", async () => {
    const msg = { id: "m1", channel: "webhook" as const, target: `${base}/hook`, subject: "s", payload: { event: "x", title: "t", body: "b", link: "/", data: {} }, attempts: 1, createdAt: new Date() };
    const err = await sendWebhook(msg).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as Error).message).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
    expect(hits).toHaveLength(0);
  });
});

describe("safeFetch with OPSGATE_ALLOW_PRIVATE_WEBHOOKS=true", () => {
  const allow = () => {
    process.env.OPSGATE_ALLOW_PRIVATE_WEBHOOKS = "true";
    resetEnvCache();
  };

  it("delivers to a loopback receiver", async () => {
    allow();
    const res = await safeFetch(`${base}/ok`, { body: '{"a":1}', headers: { "content-type": "application/json" } });
    expect(res).toMatchObject({ status: 200, ok: true });
    expect(hits).toEqual([{ path: "/ok", body: '{"a":1}' }]);
  });

  it("connects to the address the guarded lookup returned (not a second resolution)", async () => {
    allow();
    const res = await safeFetch(`http://only-our-resolver.invalid:${port()}/via-lookup`, { resolve: async () => [{ address: "127.0.0.1", family: 4 }] });
    expect(res.status).toBe(200);
    expect(hits.map((h) => h.path)).toEqual(["/via-lookup"]);
  });

  it("does not follow a redirect to loopback; a 3xx is a failure with a short reason", async () => {
    allow();
    answer = (req, res) => (req.url === "/redirect" ? res.writeHead(302, { location: `${base}/admin/internal-only` }).end() : res.writeHead(200).end("internal"));
    const res = await safeFetch(`${base}/redirect`);
    expect(res).toMatchObject({ status: 302, ok: false, summary: "HTTP 302 Found (redirects are not followed)" });
    expect(hits.map((h) => h.path)).toEqual(["/redirect"]);
  });

  it("stores only the status code and standard reason, never the target's body or reason phrase", async () => {
    allow();
    answer = (_req, res) => {
      res.statusMessage = "Leaked Reason";
      res.writeHead(500, { "content-type": "text/plain" }).end("internal secret: db password is hunter2");
    };
    const msg = { id: "m2", channel: "webhook" as const, target: `${base}/hook`, subject: "s", payload: { event: "x", title: "t", body: "b", link: "/", data: {} }, attempts: 1, createdAt: new Date() };
    const err = (await sendWebhook(msg).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe("HTTP 500 Internal Server Error");
  });

  it("still refuses non-http schemes", async () => {
    allow();
    expect(await refused("file:///etc/passwd")).toMatch(/only http and https/);
  });
});
