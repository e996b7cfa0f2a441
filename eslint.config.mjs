import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** Role names: only lib/auth/ (the permission table) may spell them; everyone else asks for a permission. */
const ROLE_LITERAL = {
  selector: "Literal[value=/^(ARCHITECT|SYSADMIN|NETWORK|DBA|SRE|AUTOMATION|VIEWER)$/]",
  message: "No role literals outside lib/auth/: add or use a permission in lib/auth/permissions.ts (can/assertCan/rolesWith, ONCALL_ROLES).",
};

/** Server-only layers a component (rendered on both sides) must never pull in; types are fine. */
const COMPONENT_IMPORTS = {
  regex: "^@/lib/(?!(utils|errors|auth/permissions|[^/]+/schemas|[^/]+/state-machine|maintenance/window|maintenance/calendar|status/derive-status|changes/freeze-periods|changes/conflicts)$)",
  allowTypeImports: true,
  message: "components/ receives data as props: import only pure modules and schemas from lib/ (never lib/db, queries or commands); the page or layout reads the data.",
};

/** Pure modules (state machines, gates, rules, policies, schedules, escalation, status derivation, windows): no env, no Prisma, no Next. */
const PURE_FILES = [
  "lib/*/state-machine.ts",
  "lib/*/policy.ts",
  "lib/changes/gates.ts",
  "lib/changes/rules.ts",
  "lib/oncall/schedule.ts",
  "lib/oncall/escalation.ts",
  "lib/status/derive-status.ts",
  "lib/status/uptime.ts",
  "lib/maintenance/window.ts",
  "lib/maintenance/calendar.ts",
  "lib/changes/change-kinds.ts",
  "lib/changes/freeze-periods.ts",
  "lib/changes/deploy-gate.ts",
  "lib/changes/conflicts.ts",
  "lib/changes/emergency-reminders.ts",
  "lib/changes/cab-agenda.ts",
];
const PURE_IMPORTS = {
  group: ["@/lib/env", "@/lib/db/**", "@/lib/generated/**", "@prisma/**", "next", "next/**", "server-only", "node:*"],
  message: "Pure modules take their inputs (and `now`) as arguments: no env, no database, no Next.",
};

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next*/**", "BENCHMARKS.md", "lib/generated/**", "node_modules/**", ".data/**", "playwright-report/**", "test-results/**", "next-env.d.ts"] },
  { rules: { "@typescript-eslint/no-explicit-any": "error" } },
  {
    files: ["**/*.{ts,tsx,mts,mjs,js}"],
    ignores: ["lib/auth/**", "prisma/**", "scripts/**", "tests/**", "e2e/**", "**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-restricted-syntax": ["error", ROLE_LITERAL] },
  },
  { files: ["components/**/*.{ts,tsx}"], rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [COMPONENT_IMPORTS] }] } },
  { files: PURE_FILES, rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [PURE_IMPORTS] }] } },
  // No import cycles (eslint-config-next already loads eslint-plugin-import and its TypeScript resolver).
  { files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "scripts/**/*.ts", "proxy.ts", "instrumentation.ts"], settings: { "import/ignore": ["node_modules"] }, rules: { "import/no-cycle": ["error", { ignoreExternal: true }] } },
];
export default config;
