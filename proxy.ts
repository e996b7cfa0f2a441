import type { NextFetchEvent } from "next/server";
import { NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { allowedMethods } from "@/lib/http/route-methods";
import { dashboardCsp, servedOverHttps } from "@/lib/http/security-headers";

/**
 * Redirects signed-out visitors of dashboard pages to /login (of `/` to the
 * public /status page). Only a
 * convenience: every page, action and route handler authorizes itself. The
 * public routes (/status, /api/v2, feeds, health) and /api/v1 (which answers
 * 401 JSON itself) pass straight through, with HSTS over https and, for /api,
 * a JSON 405 for a method the route does not export.
 *
 * It also gives every dashboard page (and /login) a strict Content-Security-
 * Policy with a per-request script nonce: Next reads the nonce from the
 * request's CSP header and puts it on its own scripts (pages are dynamic).
 */
function nextWithCsp(req: NextRequestWithAuth) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = dashboardCsp(nonce, { dev: process.env.NODE_ENV !== "production" });
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  return res;
}

const auth = withAuth((req: NextRequestWithAuth) => nextWithCsp(req), { pages: { signIn: "/login" } });

const DASHBOARD = /^\/(?:$|login$|set-password\/|ack\/|changes(?:\/|$)|incidents(?:\/|$)|maintenance(?:\/|$)|oncall(?:\/|$)|components(?:\/|$)|settings(?:\/|$)|notifications(?:\/|$)|calendar(?:\/|$)|kpis$|admin(?:\/|$))/;

/** HSTS on every response when the public URL is https, whether or not the status front is in front (issue 11, hole 7). */
function withHsts(res: Response): Response {
  if (servedOverHttps(process.env)) res.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  return res;
}

/** Next answers a method a route does not export with an empty 405; API.md says every API error is JSON (hole 10). */
function methodNotAllowed(req: NextRequestWithAuth): Response | null {
  const allow = allowedMethods(req.nextUrl.pathname);
  if (!allow || allow.includes(req.method)) return null;
  return NextResponse.json({ error: { code: "method_not_allowed", message: `${req.method} is not supported here; use ${allow.join(", ")}` } }, { status: 405, headers: { allow: allow.join(", ") } });
}

export default async function proxy(req: NextRequestWithAuth, ev: NextFetchEvent) {
  const path = req.nextUrl.pathname;
  if (path.startsWith("/api/")) return withHsts(methodNotAllowed(req) ?? NextResponse.next());
  if (!DASHBOARD.test(path)) return withHsts(NextResponse.next());
  // next-auth's middleware skips its own sign-in page without calling us back: give it the CSP here
  if (path === "/login" || path.startsWith("/set-password/") || path.startsWith("/ack/")) return withHsts(nextWithCsp(req)); // public: one-time set-password and acknowledge links
  // A signed-out visitor of the bare site wants the public status page, not a sign-in form.
  if (path === "/" && !(await getToken({ req }))) return withHsts(NextResponse.redirect(new URL("/status", req.nextUrl)));
  const res = await auth(req, ev);
  return res instanceof Response ? withHsts(res) : res;
}

export const config = {
  // every route class (HSTS); only the dashboard paths above go through next-auth. Static assets are left alone.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
