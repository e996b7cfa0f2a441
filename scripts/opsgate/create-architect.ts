import { createInterface } from "node:readline/promises";
import { migrate } from "../../lib/db/migrate";
import { fail, flag } from "./context";
import { withDb } from "./database";

/** `opsgate create-architect --email EMAIL --name NAME`: the first architect (production has no demo users). */
export function createArchitectCommand() {
  return withDb(async (url) => {
    await migrate(url);
    const email = flag("email") ?? fail("usage: npm run user:create-architect -- --email EMAIL --name NAME");
    const name = flag("name") ?? email;
    let password = process.env.OPSGATE_PASSWORD;
    if (!password) {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      password = await rl.question("Password (12+ characters): ");
      rl.close();
    }
    const { createArchitect } = await import("../../lib/auth/create-architect");
    const user = await createArchitect({ email, name, password });
    console.log(`Created ARCHITECT ${user.email} (${user.id}).`);
  });
}
