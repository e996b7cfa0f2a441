import { readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { describe, expect, it } from "vitest";

/**
 * lib/db/pglite-socket-queue.ts and prisma/migration-adapter.ts patch library
 * internals. These tests fail loudly when an upgrade changes what they patch
 * (the adapter's connected shape is checked against PostgreSQL in
 * tests/integration/patched-internals.test.ts).
 */
const root = path.resolve(import.meta.dirname, "../..");
const versionOf = (name: string) => (JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };

describe("patched libraries", () => {
  it("are pinned to exact versions, and those are the ones installed", () => {
    for (const name of ["prisma", "@prisma/client", "@prisma/adapter-pg", "@electric-sql/pglite", "@electric-sql/pglite-socket", "pg"]) {
      expect(manifest.dependencies[name], `${name} must be pinned exactly (it is patched; upgrade deliberately)`).toMatch(/^\d+\.\d+\.\d+$/);
      expect(versionOf(name), `installed ${name}`).toBe(manifest.dependencies[name]);
    }
  });

  it("pglite-socket still has the query queue serializeProtocolSequences replaces", () => {
    const server = new PGLiteSocketServer({ db: {} as PGlite, port: 0 });
    const q = (server as unknown as { queryQueue: Record<string, unknown> }).queryQueue;
    expect(q, "PGLiteSocketServer.queryQueue").toBeDefined();
    expect(Array.isArray(q.queue)).toBe(true);
    expect(q.processing).toBe(false);
    expect("lastHandlerId" in q).toBe(true);
    expect(typeof q.processQueue).toBe("function");
    expect(typeof q.clearQueueForHandler).toBe("function");
    expect(typeof q.enqueue).toBe("function");
    expect(q.db).toBe((server as unknown as { db: unknown }).db);
    // what the replacement processQueue calls on PGlite
    for (const m of ["isInTransaction", "runExclusive", "execProtocolRawStream"]) expect(typeof (PGlite.prototype as unknown as Record<string, unknown>)[m], `PGlite.${m}`).toBe("function");
  });

  it("pg and adapter-pg still have what the migration adapter overrides", () => {
    const proto = pg.Result.prototype as unknown as { addFields?: unknown };
    expect(typeof proto.addFields).toBe("function");
    const Result = pg.Result as unknown as new () => { addFields(f: pg.FieldDef[]): void; fields: pg.FieldDef[] };
    const result = new Result();
    result.addFields([{ name: "n", dataTypeID: 25 } as pg.FieldDef]);
    expect(result.fields[0].dataTypeID).toBe(25);
    expect(typeof PrismaPg.prototype.connect).toBe("function");
    expect(typeof PrismaPg.prototype.connectToShadowDb).toBe("function");
  });
});
