import path from "node:path";
import { args, dataDir, env, fail } from "./context";

/** `opsgate backup FILE` / `opsgate restore FILE [--force]` (lib/db/backup.ts). */
export async function backupCommand(command: "backup" | "restore") {
  const file = args.find((a) => !a.startsWith("--")) ?? fail(`usage: npm run db:${command} -- FILE${command === "restore" ? " [--force]" : ""}`);
  const { backup, restore, RestoreRefusedError } = await import("../../lib/db/backup");
  const target = { databaseUrl: env.DATABASE_URL, dataDir };
  try {
    if (command === "backup") await backup(target, file);
    else await restore(target, file, { force: args.includes("--force") });
  } catch (e) {
    if (e instanceof RestoreRefusedError) fail(e.message);
    throw e;
  }
  console.log(command === "backup" ? `Backup written to ${path.resolve(file)}.` : `Restored ${path.resolve(file)}.`);
}
