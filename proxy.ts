import type { NextFetchEvent } from "next/server";
import { NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { dashboardCsp } from "@/lib/http/security-headers";

/**
 * Redirects signed-out visitors of dashboard pages to /login (of `/` to the
 * public /status page). Only a
 * convenience: every page, action and route handler authorizes itself. The
 * matcher stays off the public routes (/status, /api/v2, feeds, health) and
 * off /api/v1, which answers 401 JSON itself.
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

export default async function proxy(req: NextRequestWithAuth, ev: NextFetchEvent) {
  // next-auth's middleware skips its own sign-in page without calling us back: give it the CSP here
  if (req.nextUrl.pathname === "/login" || req.nextUrl.pathname.startsWith("/set-password/") || req.nextUrl.pathname.startsWith("/ack/")) return nextWithCsp(req); // public: one-time set-password and acknowledge links
  // A signed-out visitor of the bare site wants the public status page, not a sign-in form.
  if (req.nextUrl.pathname === "/" && !(await getToken({ req }))) return NextResponse.redirect(new URL("/status", req.nextUrl));
  return auth(req, ev);
}

export const config = {
  matcher: ["/", "/login", "/set-password/:path*", "/ack/:path*", "/changes/:path*", "/incidents/:path*", "/maintenance/:path*", "/oncall/:path*", "/components/:path*", "/settings/:path*", "/notifications/:path*", "/calendar", "/calendar/:path*", "/kpis", "/admin/:path*"],
};
