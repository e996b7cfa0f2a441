import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkMigrations, destructiveChanges } from "./migration-rules";

describe("additive-first migration rule", () => {
  it("accepts additive changes", () => {
    expect(destructiveChanges(`CREATE TABLE "X" ("id" TEXT NOT NULL); ALTER TABLE "Y" ADD COLUMN "z" TEXT; CREATE INDEX "i" ON "Y"("z"); DROP INDEX "old_idx";`)).toEqual([]);
    // comments, strings and function bodies do not count
    expect(destructiveChanges(`-- DROP TABLE "X"\nINSERT INTO "Note" VALUES ('DROP COLUMN a'); CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN DELETE FROM t; END $$ LANGUAGE plpgsql;`)).toEqual([]);
  });

  it("flags drops, renames, type changes, new NOT NULL and deletes", () => {
    expect(destructiveChanges(`ALTER TABLE "Y" DROP COLUMN "z";`)).toHaveLength(1);
    expect(destructiveChanges(`DROP TABLE "Y";`)).toHaveLength(1);
    expect(destructiveChanges(`ALTER TABLE "Y" RENAME COLUMN "a" TO "b";`)).toHaveLength(1);
    expect(destructiveChanges(`ALTER TABLE "Y" ALTER COLUMN "a" SET DATA TYPE INTEGER;`)).toHaveLength(1);
    expect(destructiveChanges(`ALTER TABLE "Y" ALTER COLUMN "a" SET NOT NULL;`)).toHaveLength(1);
    expect(destructiveChanges(`DELETE FROM "Y";`)).toHaveLength(1);
  });

  const dir = mkdtempSync(path.join(os.tmpdir(), "opsgate-mig-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, sql: string) => {
    mkdirSync(path.join(dir, name), { recursive: true });
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  };

  it("refuses an unmarked destructive migration and accepts a marked one", () => {
    write("20300101000000_add", `ALTER TABLE "Y" ADD COLUMN "b" TEXT;`);
    write("20300102000000_drop", `ALTER TABLE "Y" DROP COLUMN "a";`);
    write("20300103000000_drop_marked", `-- opsgate:destructive "c" unused since release 0.3\nALTER TABLE "Y" DROP COLUMN "c";`);
    expect(checkMigrations(dir)).toEqual([{ migration: "20300102000000_drop", reasons: [expect.stringMatching(/drops a column/)] }]);
  });

  it("the repository's migrations follow the rule", () => {
    expect(checkMigrations()).toEqual([]);
  });
});
