import { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors";

/** Maps zod issues to `{field: message}` (first message per field; nested paths dotted). */
export function zodFields(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

const MAX_DEPTH = 20;

/** Why a string cannot be stored as text (PostgreSQL refuses NUL; a lone UTF-16 surrogate is not Unicode), or null. */
export function unstorableText(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain NUL characters";
  if (!s.isWellFormed()) return "must be valid Unicode text (no unpaired surrogates)";
  return null;
}

/**
 * The first value anywhere in a parsed input (keys included) that the
 * database cannot store, as `[field path, message]`: NUL bytes, lone
 * surrogates, and dates outside the years 1–9999 (e.g. `0000-01-01`).
 */
export function findUnstorable(value: unknown, path: (string | number)[] = [], depth = 0): [string, string] | null {
  const at = () => (path.length ? path.join(".") : "_");
  if (typeof value === "string") {
    const why = unstorableText(value);
    return why ? [at(), why] : null;
  }
  if (value instanceof Date) {
    const y = value.getUTCFullYear();
    return Number.isNaN(value.getTime()) || y < 1 || y > 9999 ? [at(), "must be a date between the years 0001 and 9999"] : null;
  }
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return null;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [k, v] of entries) {
    if (typeof k === "string") {
      const why = unstorableText(k);
      if (why) return [[...path, k.replace(/[\u0000\ud800-\udfff]/g, "?")].join("."), `field name ${why}`];
    }
    const found = findUnstorable(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

function assertStorable(value: unknown) {
  const bad = findUnstorable(value);
  if (bad) throw new ValidationError({ [bad[0]]: bad[1] });
}

/**
 * Parses or throws a ValidationError carrying field messages. Both the raw
 * input and the parsed output are checked for values the database cannot
 * store (NUL, lone surrogates, year-0000 dates), so no schema can forget it.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  assertStorable(input);
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(zodFields(result.error));
  assertStorable(result.data);
  return result.data;
}

/** The `version` a state change is based on (optimistic concurrency): required, a whole number ≥ 1. */
export const requiredVersion = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.coerce.number({ error: "version is required" }).int("version must be a whole number").min(1, "version is required"),
);
const versionOnly = z.object({ version: requiredVersion });

/**
 * Every state-change request (API route or form) names the version the client
 * saw, so a transition never applies to a state the client never saw (issue 11,
 * hole 11). Called after authorization by permission, before the command;
 * commands keep `version` optional for the system's own callers (jobs, seeds).
 */
export function requireVersion(input: unknown): void {
  parseInput(versionOnly, input && typeof input === "object" ? input : {});
}

/** Route parameters (`[id]` segments): short, printable, storable (`/changes/%00` is a 400, not a 500). */
export function assertRouteParams(params: Record<string, string | string[]>) {
  for (const [name, raw] of Object.entries(params)) {
    for (const v of Array.isArray(raw) ? raw : [raw]) {
      if (typeof v !== "string") continue;
      const why = unstorableText(v) ?? (/[\u0000-\u001f\u007f]/.test(v) ? "must not contain control characters" : v.length > 200 ? "must be at most 200 characters" : null);
      if (why) throw new ValidationError({ [name]: why });
    }
  }
}
