/** The session secret: NEXTAUTH_SECRET, or one generated once into the data directory. */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, embedded, env, fail } from "./context";

export function secretFor(mode: "dev" | "start"): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (mode === "start" && !embedded) {
    fail("NEXTAUTH_SECRET is not set. In PostgreSQL mode a production start needs a fixed secret shared by all instances: set NEXTAUTH_SECRET (e.g. `openssl rand -base64 32`).");
  }
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}
