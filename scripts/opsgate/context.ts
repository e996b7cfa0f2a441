/** What every launcher command shares: its arguments, the validated environment and where the data lives. */
import path from "node:path";
import { getEnv } from "../../lib/env";

export const command = process.argv[2] ?? "dev";
export const args = process.argv.slice(3);

export function flag(name: string) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export function fail(message: string): never {
  console.error(`opsgate: ${message}`);
  process.exit(1);
}

function loadEnv() {
  try {
    return getEnv();
  } catch (e) {
    fail((e as Error).message);
  }
}

export const env: ReturnType<typeof getEnv> = loadEnv();
export const dataDir = path.resolve(env.OPSGATE_DATA_DIR);
export const embedded = !env.DATABASE_URL;
if (embedded) process.env.OPSGATE_EMBEDDED = "1";
