import type { NextConfig } from "next";
import { baseSecurityHeaders, DEFAULT_CSP, STATUS_PAGE_CSP } from "./lib/http/security-headers";

const toList = (h: Record<string, string>) => Object.entries(h).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // Drivers load native/WASM code: keep them out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "@prisma/adapter-pg", "@node-rs/argon2", "pino", "nodemailer", "prom-client"],
  poweredByHeader: false,
  // Lets parallel builds (several developers or test runs in one tree) use separate output dirs.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
  // Security headers on every route class (the status front adds them, and HSTS over https, at run time too).
  // Dashboard pages also get a nonce script CSP from proxy.ts; both policies apply, so this one only restricts framing & co.
  async headers() {
    return [
      { source: "/:path*", headers: [...toList(baseSecurityHeaders({ https: false })), { key: "content-security-policy", value: DEFAULT_CSP }] },
      { source: "/status", headers: [{ key: "content-security-policy", value: STATUS_PAGE_CSP }] },
      { source: "/status/:path*", headers: [{ key: "content-security-policy", value: STATUS_PAGE_CSP }] },
    ];
  },
};

export default nextConfig;
