import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** Role names: only lib/auth/ (the permission table) may spell them; everyone else asks for a permission. */
const ROLE_LITERAL = {
  selector: "Literal[value=/^(ARCHITECT|SYSADMIN|NETWORK|DBA|SRE|AUTOMATION|VIEWER)$/]",
  message: "No role literals outside lib/auth/: add or use a permission in lib/auth/permissions.ts (can/assertCan/rolesWith, ONCALL_ROLES).",
};

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next*/**", "BENCHMARKS.md", "lib/generated/**", "node_modules/**", ".data/**", "playwright-report/**", "test-results/**", "next-env.d.ts"] },
  { rules: { "@typescript-eslint/no-explicit-any": "error" } },
  {
    files: ["**/*.{ts,tsx,mts,mjs,js}"],
    ignores: ["lib/auth/**", "lib/db/seed.ts", "prisma/**", "scripts/**", "tests/**", "e2e/**", "**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-restricted-syntax": ["error", ROLE_LITERAL] },
  },
];
export default config;
