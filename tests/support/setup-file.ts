import { afterAll, inject } from "vitest";
import { disconnectDb } from "../../lib/db/client";

process.env.DATABASE_URL = inject("databaseUrl");
if (inject("databaseKind") === "embedded") process.env.OPSGATE_EMBEDDED = "1";
process.env.OPSGATE_DB_POOL_MAX ??= inject("databaseKind") === "embedded" ? "4" : "10";

afterAll(async () => {
  await disconnectDb();
});
