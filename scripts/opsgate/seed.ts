import { migrate } from "../../lib/db/migrate";
import { provideAuditKey } from "./audit-key";
import { withDb } from "./database";

/** `opsgate seed`: seed demo data into an empty database. */
export function seedCommand() {
  provideAuditKey("command");
  return withDb(async (url) => {
    await migrate(url);
    const { seedDemo } = await import("../../lib/db/seed");
    const seeded = await seedDemo(new Date());
    console.log(seeded ? "Seeded demo data." : "Database already has users: nothing seeded.");
  });
}
