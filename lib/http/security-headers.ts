/**
 * Security headers for every response (issue 11). Pure: used by
 * next.config.ts (Next's own responses), the status front server (snapshots
 * and everything it proxies) and proxy.ts (the dashboard's nonce CSP).
 */

/** Headers every route class gets. HSTS only when the site is served over https. */
export function baseSecurityHeaders(opts: { https: boolean }): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    ...(opts.https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** The public status pages are plain server-rendered HTML with no JavaScript at all (they work with JS off). */
export const STATUS_PAGE_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Framing refused for everything that is not given a stricter policy. */
export const DEFAULT_CSP = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/**
 * The signed-in dashboard: scripts only with this request's nonce (Next
 * applies it to its own scripts), 'strict-dynamic' for the chunks they load.
 */
export function dashboardCsp(nonce: string, opts: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Whether the configured public URL is https (NEXTAUTH_URL / OPSGATE_PUBLIC_URL). */
export function servedOverHttps(env: { NEXTAUTH_URL?: string; OPSGATE_PUBLIC_URL?: string }): boolean {
  return [env.NEXTAUTH_URL, env.OPSGATE_PUBLIC_URL].some((u) => u?.startsWith("https://"));
}
