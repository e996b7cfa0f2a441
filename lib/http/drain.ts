import type { Server } from "node:http";

/**
 * Graceful stop for a Node HTTP server: `drain(ms)` stops accepting connections, closes the idle
 * keep-alive ones, waits until every request already in flight has been answered (at most `ms`),
 * then closes whatever is left. `server.close()` alone would wait for idle keep-alive sockets
 * (up to keepAliveTimeout), and `closeAllConnections()` alone cuts requests off mid-way.
 */
export function drainable(server: Server) {
  let active = 0;
  let draining = false;
  const waiters: (() => void)[] = [];
  server.on("request", (_req, res) => {
    active++;
    // A response finished while draining does not keep its connection open.
    if (draining) res.shouldKeepAlive = false;
    res.once("close", () => {
      active--;
      if (draining) server.closeIdleConnections();
      if (active === 0) waiters.splice(0).forEach((resolve) => resolve());
    });
  });
  return async function drain(timeoutMs: number): Promise<void> {
    draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (active > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
    }
    server.closeAllConnections();
    await closed;
  };
}
