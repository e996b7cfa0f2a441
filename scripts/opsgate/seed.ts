import { migrate } from "../../lib/db/migrate";
import { withDb } from "./database";

/** `opsgate seed`: seed demo data into an empty database. */
export function seedCommand() {
  return withDb(async (url) => {
    await migrate(url);
    const { seedDemo } = await import("../../lib/db/seed");
    const seeded = await seedDemo(new Date());
    console.log(seeded ? "Seeded demo data." : "Database already has users: nothing seeded.");
  });
}
