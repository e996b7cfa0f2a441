import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Drivers load native/WASM code: keep them out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "@prisma/adapter-pg", "@node-rs/argon2", "pino", "nodemailer"],
  poweredByHeader: false,
  // Lets parallel builds (several developers or test runs in one tree) use separate output dirs.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
};

export default nextConfig;
