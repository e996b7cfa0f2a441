import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createArchitect } from "../../lib/auth/create-architect";
import { verifyPassword } from "../../lib/auth/password";
import { db } from "../../lib/db/client";
import { ConflictError, ValidationError } from "../../lib/errors";
import { auditCount, uid } from "../support/factories";

const root = path.resolve(import.meta.dirname, "../..");

/** Runs the launcher with a clean environment plus `env`; never reaches Next in these cases. */
function launcher(args: string[], env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(childEnv)) {
    if (key.startsWith("OPSGATE_") || ["DATABASE_URL", "NEXTAUTH_SECRET", "PORT"].includes(key)) delete childEnv[key];
  }
  return spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/opsgate.ts", ...args], {
    cwd: root,
    env: Object.assign(childEnv, env),
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("launcher", () => {
  it("refuses a production start on PostgreSQL without NEXTAUTH_SECRET, with a clear message", () => {
    const r = launcher(["start"], { DATABASE_URL: process.env.DATABASE_URL! });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/NEXTAUTH_SECRET is not set/);
  });

  it("stops at boot on an invalid environment variable, naming it", () => {
    const r = launcher(["start"], { DATABASE_URL: process.env.DATABASE_URL!, PORT: "not-a-port" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/PORT/);
  });
});

describe("create-architect (the production bootstrap)", () => {
  it("creates an ARCHITECT with a hashed password and an audit row", async () => {
    const email = `Boss-${uid()}@Example.com`;
    const user = await createArchitect({ email, name: "The Boss", password: "a-long-enough-password" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.email).toBe(email.toLowerCase());
    expect(row.role).toBe("ARCHITECT");
    expect(row.passwordHash).not.toContain("a-long-enough-password");
    expect(await verifyPassword(row.passwordHash!, "a-long-enough-password")).toBe(true);
    expect(await auditCount("User", user.id, "user.created")).toBe(1);
  });

  it("refuses a short password or a taken email and writes nothing", async () => {
    const email = `short-${uid()}@example.com`;
    await expect(createArchitect({ email, name: "x", password: "short" })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.user.count({ where: { email } })).toBe(0);
    await createArchitect({ email, name: "x", password: "a-long-enough-password" });
    await expect(createArchitect({ email, name: "y", password: "another-long-password" })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });
});
