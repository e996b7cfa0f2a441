import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { getEnv } from "@/lib/env";

/*
 * The one way OpsGate sends HTTP to an address someone typed in (Settings
 * webhooks, status-page webhook subscribers, every later channel).
 *
 *  - only http: and https: URLs;
 *  - the host is resolved at send time and EVERY answer must be a public
 *    unicast address (no loopback, RFC 1918, ULA fc00::/7, link-local incl.
 *    169.254.169.254 / fd00:ec2::254, CGNAT 100.64/10, multicast, unspecified,
 *    reserved, NAT64/6to4/Teredo, IPv4-mapped IPv6 of any of those);
 *  - the socket connects to the address that was checked: the check runs
 *    inside the `lookup` hook node:http uses for that very connection, so a
 *    second DNS answer (rebinding) can never be used;
 *  - redirects are not followed (a 3xx is a failed delivery);
 *  - the caller gets the status code and a bounded, discarded body, never
 *    a reason to store the target's text.
 * `OPSGATE_ALLOW_PRIVATE_WEBHOOKS=true` lifts the address check (tests with
 * loopback receivers, installs whose receivers live on the private network).
 */

/** The request was refused before anything was sent, or could not be completed. */
export class OutboundError extends Error {
  constructor(
    readonly kind: "refused" | "timeout" | "network",
    message: string,
  ) {
    super(message);
  }
}

const ALLOW_HINT = "set OPSGATE_ALLOW_PRIVATE_WEBHOOKS=true to allow";

/** The ipaddr.js range of an address, IPv4-mapped IPv6 unwrapped ("unicast" is the only public one). */
export function addressRange(address: string): string {
  if (!ipaddr.isValid(address)) return "invalid";
  return ipaddr.process(address).range();
}

/** True only for public unicast addresses (see the module comment). */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === "unicast";
}

function refuseAddress(address: string): OutboundError {
  return new OutboundError("refused", `refused: ${address} is a ${addressRange(address)} address (${ALLOW_HINT})`);
}

/** Parses and checks what can be checked without DNS: scheme, and an IP-literal host. Throws OutboundError. */
export function checkOutboundUrl(raw: string, opts: { allowPrivate?: boolean } = {}): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError("refused", "refused: not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundError("refused", `refused: only http and https URLs (got ${url.protocol.slice(0, 20)})`);
  const host = literalHost(url);
  if (!(opts.allowPrivate ?? allowPrivate()) && host && !isPublicAddress(host)) throw refuseAddress(host);
  if (!(opts.allowPrivate ?? allowPrivate()) && !host && /(^|\.)localhost\.?$/i.test(url.hostname)) throw new OutboundError("refused", `refused: ${url.hostname} is a loopback name (${ALLOW_HINT})`);
  return url;
}

/** The IP of an IP-literal URL host ("[::1]" → "::1"), or null for a name. */
function literalHost(url: URL): string | null {
  const h = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  return ipaddr.isValid(h) && (h.includes(":") || ipaddr.IPv4.isValidFourPartDecimal(h)) ? h : null;
}

function allowPrivate(): boolean {
  return getEnv().OPSGATE_ALLOW_PRIVATE_WEBHOOKS;
}

type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** A node:net lookup hook that resolves, checks every answer, and hands the socket only checked addresses. */
export function guardedLookup(resolve: Resolver, allow: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (answers) => {
        const wanted = options.family === 4 || options.family === 6 ? answers.filter((a) => a.family === options.family) : answers;
        if (wanted.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "", 0);
        const bad = allow ? undefined : wanted.find((a) => !isPublicAddress(a.address));
        if (bad) return callback(refuseAddress(bad.address) as NodeJS.ErrnoException, "", 0);
        if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, wanted);
        else callback(null, wanted[0].address, wanted[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, "", 0),
    );
  };
}

export type SafeFetchInit = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** whole request, connect to last byte (default 5 s) */
  timeoutMs?: number;
  /** default: OPSGATE_ALLOW_PRIVATE_WEBHOOKS */
  allowPrivate?: boolean;
  /** DNS resolver (tests); default the system resolver (dns.lookup, /etc/hosts included) */
  resolve?: Resolver;
  /** response bytes read before the rest is discarded (default 4 kB) */
  maxResponseBytes?: number;
};

export type SafeResponse = {
  status: number;
  ok: boolean;
  /** "HTTP 404 Not Found": a fixed reason from the status code, never the target's own text */
  summary: string;
  headers: http.IncomingHttpHeaders;
  /** the first maxResponseBytes of the body (for receivers that echo a token); never store it */
  body: string;
};

/** Short, safe text for a status code. Redirects say they were not followed. */
export function statusSummary(status: number): string {
  const reason = http.STATUS_CODES[status] ?? "";
  return `HTTP ${status}${reason ? ` ${reason}` : ""}${status >= 300 && status < 400 ? " (redirects are not followed)" : ""}`;
}

/** Sends one request under the rules of the module comment. Throws OutboundError; a non-2xx answer is returned with ok=false. */
export async function safeFetch(raw: string, init: SafeFetchInit = {}): Promise<SafeResponse> {
  const allow = init.allowPrivate ?? allowPrivate();
  const url = checkOutboundUrl(raw, { allowPrivate: allow });
  const timeoutMs = init.timeoutMs ?? 5_000;
  const maxBytes = init.maxResponseBytes ?? 4096;
  const client = url.protocol === "https:" ? https : http;
  const body = init.body === undefined ? undefined : Buffer.isBuffer(init.body) ? init.body : Buffer.from(init.body, "utf8");
  const headers: Record<string, string> = { ...init.headers };
  if (body) headers["content-length"] = String(body.length);

  return new Promise<SafeResponse>((resolve, reject) => {
    let settled = false;
    const finish = (err: OutboundError | null, res?: SafeResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(res!);
    };
    const req = client.request(url, {
      method: init.method ?? "POST",
      headers,
      agent: false, // a fresh connection each time: no pooled socket to an address checked for another request
      lookup: guardedLookup(init.resolve ?? systemResolver, allow),
      // node:net does not call lookup for IP literals; checkOutboundUrl checked those
    });
    const timer = setTimeout(() => {
      finish(new OutboundError("timeout", `timed out after ${timeoutMs} ms`));
      req.destroy();
    }, timeoutMs);
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (err instanceof OutboundError) return finish(err);
      finish(new OutboundError("network", `request failed: ${(err.code ?? err.message).slice(0, 100)}`));
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        if (size < maxBytes) chunks.push(c);
        size += c.length;
        if (size >= maxBytes) res.destroy();
      });
      const done = () => {
        const status = res.statusCode ?? 0;
        finish(null, {
          status,
          ok: status >= 200 && status < 300,
          summary: statusSummary(status),
          headers: res.headers,
          body: Buffer.concat(chunks).subarray(0, maxBytes).toString("utf8"),
        });
      };
      res.on("end", done);
      res.on("close", done);
      res.on("error", done);
    });
    req.end(body);
  });
}
