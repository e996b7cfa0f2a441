/**
 * The client address of a request that reached Next through the status front
 * server (lib/status/front-server.ts), which sets X-Forwarded-For to the
 * socket's peer address. "unknown" when absent (all such requests share one bucket).
 */
export function clientIp(headers: Headers): string {
  const fwd = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (fwd || headers.get("x-real-ip")?.trim() || "unknown").slice(0, 64);
}
