import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";

/**
 * prisma/migration-adapter.ts replaces `executeScript` on the prototype of the
 * adapter PrismaPg.connect() returns, and calls its `client` (a pg.Pool) and
 * `onError`. If an upgrade renames them, migrations would silently split
 * PL/pgSQL bodies again: fail here instead (the pure shapes are in
 * lib/db/patched-internals.test.ts).
 */
describe("@prisma/adapter-pg connected adapter", () => {
  it("still has executeScript, onError and a pg pool as `client`", async () => {
    const adapter = await new PrismaPg({ connectionString: process.env.DATABASE_URL! }).connect();
    try {
      const proto = Object.getPrototypeOf(adapter) as Record<string, unknown>;
      expect(typeof proto.executeScript).toBe("function");
      expect(typeof proto.onError).toBe("function");
      const client = (adapter as unknown as { client: { query?: unknown } }).client;
      expect(typeof client?.query).toBe("function");
      await adapter.executeScript("SELECT 1; SELECT 2;");
    } finally {
      await adapter.dispose();
    }
  });
});
