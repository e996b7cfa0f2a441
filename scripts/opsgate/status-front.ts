import path from "node:path";
import { dataDir, env } from "./context";

/** Starts the snapshot refresher and the front server on PORT (lib/status/front-server.ts); returns its drain and stop functions. */
export async function startStatusFront(nextPort: number) {
  // The launcher's own small pool: the snapshot refresher runs one query a second and a rebuild now and then.
  process.env.OPSGATE_DB_POOL_MAX = "2";
  const { SnapshotRefresher } = await import("../../lib/status/snapshot");
  const { createFrontServer } = await import("../../lib/status/front-server");
  const refresher = new SnapshotRefresher({
    refreshMs: env.OPSGATE_STATUS_REFRESH_MS,
    rebuildMs: env.OPSGATE_STATUS_REBUILD_MS,
    dir: path.join(dataDir, "status-snapshot"),
  });
  refresher.start();
  const { servedOverHttps } = await import("../../lib/http/security-headers");
  const { parseTrustedProxies } = await import("../../lib/net/trusted-proxies");
  const server = createFrontServer({ upstreamPort: nextPort, https: servedOverHttps(env), trustedProxies: parseTrustedProxies(env.OPSGATE_TRUSTED_PROXIES), lookup: (key) => refresher.current?.entries.get(key) });
  const { drainable } = await import("../../lib/http/drain");
  const drain = drainable(server);
  await new Promise<void>((resolve) => server.listen(env.PORT, resolve));
  return {
    drain,
    stop: async () => {
      refresher.stop();
      if (server.listening) await drain(0);
      const { disconnectDb } = await import("../../lib/db/client");
      await disconnectDb();
    },
  };
}
