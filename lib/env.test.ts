import { describe, expect, it } from "vitest";
import { logEnv } from "@/lib/env";

describe("logEnv", () => {
  it("defaults to info and takes a valid LOG_LEVEL", () => {
    expect(logEnv({}).LOG_LEVEL).toBe("info");
    expect(logEnv({ LOG_LEVEL: "" }).LOG_LEVEL).toBe("info");
    expect(logEnv({ LOG_LEVEL: "warn" }).LOG_LEVEL).toBe("warn");
  });

  it("names LOG_LEVEL when it is not a pino level", () => {
    expect(() => logEnv({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });

  it("ignores the rest of the environment (a bad DATABASE_URL does not stop the logger)", () => {
    expect(logEnv({ LOG_LEVEL: "debug", DATABASE_URL: "mysql://x" }).LOG_LEVEL).toBe("debug");
  });
});
