import { defineConfig } from "prisma/config";
import { migrationAdapter } from "./prisma/migration-adapter";

// The JS schema engine runs migrations through a driver adapter, so the CLI
// never downloads a native engine (see README "Database").
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: migrationAdapter,
});
