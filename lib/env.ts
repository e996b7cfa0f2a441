import { z } from "zod";
import { DEFAULT_ROLE, ROLES } from "@/lib/auth/permissions";

/** Every environment variable OpsGate reads, validated once. README lists them. */
const bool = (def: boolean) =>
  z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => (v === undefined ? def : v === "true" || v === "1"));

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  OPSGATE_DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(8),
  /** set by the launcher when DATABASE_URL points at its embedded PGlite socket (one transaction at a time) */
  OPSGATE_EMBEDDED: bool(false),
  OPSGATE_DATA_DIR: z.string().min(1).default("./.data"),
  OPSGATE_PGLITE_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  OPSGATE_DEMO_SEED: bool(false),
  OPSGATE_ESCALATION_STEPS: z
    .string()
    .regex(/^\s*\d+\s*[smh]\s*(,\s*\d+\s*[smh]\s*){2}$/, "three durations such as 15m,30m,60m")
    .default("15m,30m,60m"),
  OPSGATE_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** update reminders: an open incident with no update for this long reminds its commander (P1, P2, others) */
  OPSGATE_UPDATE_REMINDER_P1: z.string().regex(/^\s*\d+\s*[smh]\s*$/, "a duration such as 30m, 90s or 4h").default("30m"),
  OPSGATE_UPDATE_REMINDER_P2: z.string().regex(/^\s*\d+\s*[smh]\s*$/, "a duration such as 30m, 90s or 4h").default("60m"),
  OPSGATE_UPDATE_REMINDER_DEFAULT: z.string().regex(/^\s*\d+\s*[smh]\s*$/, "a duration such as 30m, 90s or 4h").default("4h"),
  /** postmortems (issue 19): severities whose resolution requires one ("" = none), business days until due */
  OPSGATE_POSTMORTEM_REQUIRED: z.string().regex(/^\s*(P[1-4]\s*(,\s*P[1-4]\s*)*)?$/i, "a list such as P1,P2 (empty: none)").default("P1,P2"),
  OPSGATE_POSTMORTEM_DUE_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  OPSGATE_WORKERS: bool(true),
  /** false: do not migrate at start, wait until the migrations are applied (by the rollout's migration Job) */
  OPSGATE_MIGRATE_ON_START: bool(true),
  OPSGATE_LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  OPSGATE_LOGIN_MAX_PER_IP: z.coerce.number().int().min(1).default(30),
  OPSGATE_LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** alert ingest: requests per integration key per minute (per instance) before 429 */
  OPSGATE_ALERT_RATE_PER_MIN: z.coerce.number().int().min(1).default(600),
  /** Alertmanager base URLs (comma-separated) that get silences for maintenance windows */
  OPSGATE_ALERTMANAGER_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((s) => s.trim().replace(/\/+$/, "")).filter(Boolean) : []))
    .refine((list) => list.every((u) => /^https?:\/\/[^\s]+$/.test(u)), "comma-separated http(s):// URLs"),
  OPSGATE_OUTBOX_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  OPSGATE_OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** outbound webhooks (Settings, status subscribers) may reach loopback/private/link-local addresses; off by default (SSRF guard, lib/net/outbound.ts) */
  OPSGATE_ALLOW_PRIVATE_WEBHOOKS: bool(false),
  /** reverse proxies (addresses / CIDRs, comma-separated) whose X-Forwarded-For the front believes */
  OPSGATE_TRUSTED_PROXIES: z.string().max(2000).optional(),
  /** anonymous status-page subscribe requests per client IP per hour */
  OPSGATE_SUBSCRIBE_MAX_PER_IP: z.coerce.number().int().min(1).default(10),
  /** anonymous status-page subscribe requests per target (email address / webhook URL) per hour */
  OPSGATE_SUBSCRIBE_MAX_PER_TARGET: z.coerce.number().int().min(1).default(3),
  OPSGATE_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  /** HMAC key of the audit log's chains and checkpoints (lib/audit); generated into the data dir for embedded/dev, required for a production start on PostgreSQL */
  OPSGATE_AUDIT_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  /** how often each instance writes a signed audit checkpoint (seconds) */
  /** where the signed audit checkpoints are written (default: the data directory); a directory the database's owner cannot write */
  OPSGATE_AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  OPSGATE_AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  SMTP_FROM: z.string().default("OpsGate <opsgate@localhost>"),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_ROLE_CLAIM: z.string().default("opsgate_role"),
  /** groups claim → role, e.g. "ops-admins:ARCHITECT,sre:SRE" (used when the role claim names no role) */
  OIDC_ROLE_MAP: z.string().max(4000).optional(),
  OIDC_GROUPS_CLAIM: z.string().default("groups"),
  OIDC_DEFAULT_ROLE: z.enum(ROLES).default(DEFAULT_ROLE),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** public status page: base URL for links in feeds, v2 JSON and subscriber mail (default NEXTAUTH_URL) */
  OPSGATE_PUBLIC_URL: z.url().optional(),
  OPSGATE_STATUS_PAGE_NAME: z.string().min(1).default("OpsGate"),
  OPSGATE_STATUS_PAGE_ID: z.string().min(1).default("opsgate"),
  /** the thin front server on PORT that serves status snapshots and proxies the rest to Next */
  OPSGATE_STATUS_FRONT: bool(true),
  /** loopback port Next listens on behind the front (0 = any free port) */
  OPSGATE_NEXT_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** how often the front checks the public version (ms); a change re-renders the snapshots */
  OPSGATE_STATUS_REFRESH_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** snapshots are re-rendered at least this often even without changes (maintenance starts/ends, uptime day rollover) */
  OPSGATE_STATUS_REBUILD_MS: z.coerce.number().int().min(1000).default(60_000),
  /** KPI availability: how much of a partial_outage minute counts as down (major_outage 1, degraded 0) */
  OPSGATE_KPI_PARTIAL_WEIGHT: z.coerce.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").default(0.3),
  /** Bearer token that /metrics requires (unset: see OPSGATE_METRICS_PUBLIC) */
  OPSGATE_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** with no OPSGATE_METRICS_TOKEN, serve /metrics without authentication (otherwise it answers 401) */
  OPSGATE_METRICS_PUBLIC: bool(false),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Parses process.env (empty strings count as unset). Throws a readable error. */
export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}

/**
 * The database client's settings, parsed when the client is created (not
 * cached: the launcher and benchmarks set the pool size just before).
 */
export function dbEnv(source: NodeJS.ProcessEnv = process.env) {
  const keys = { DATABASE_URL: true, OPSGATE_DB_POOL_MAX: true, OPSGATE_EMBEDDED: true } as const;
  const cleaned = Object.fromEntries(Object.keys(keys).flatMap((k) => (source[k] ? [[k, source[k]]] : [])));
  const parsed = envSchema.pick(keys).safeParse(cleaned);
  if (!parsed.success) throw new Error(`Invalid environment configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  return parsed.data;
}

/**
 * The log level, parsed when the logger is created (only LOG_LEVEL, so a
 * script that imports the logger does not need the whole environment valid).
 */
export function logEnv(source: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.pick({ LOG_LEVEL: true }).safeParse(source.LOG_LEVEL ? { LOG_LEVEL: source.LOG_LEVEL } : {});
  if (!parsed.success) throw new Error(`Invalid environment configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  return parsed.data;
}

/** Forgets the parsed process.env (tests that change process.env between cases). */
export function resetEnvCache() {
  cached = undefined;
}

/** Parses a duration like `15m`, `90s`, `1h` into milliseconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+)\s*([smh])\s*$/.exec(text);
  if (!m) throw new Error(`Not a duration: ${text}`);
  const n = Number(m[1]);
  return n * (m[2] === "s" ? 1000 : m[2] === "m" ? 60_000 : 3_600_000);
}

/** The escalation thresholds (levels 2, 3, 4) in ms after declaration. */
export function escalationSteps(env: Env = getEnv()): [number, number, number] {
  const [a, b, c] = env.OPSGATE_ESCALATION_STEPS.split(",").map(parseDuration);
  return [a, b, c];
}
