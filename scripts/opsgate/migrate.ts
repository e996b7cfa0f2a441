import { migrate } from "../../lib/db/migrate";
import { withDb } from "./database";

/** `opsgate migrate`: apply prisma/migrations (embedded or DATABASE_URL). */
export function migrateCommand() {
  return withDb(async (url) => {
    const applied = await migrate(url);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database schema is up to date.");
  });
}
