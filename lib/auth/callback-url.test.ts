import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

const base = "http://localhost:3000";

describe("safeCallbackPath (open redirect after sign-in, issue 11 hole 2)", () => {
  it.each([
    ["/changes/abc?x=1#h", "/changes/abc?x=1#h"],
    ["/", "/"],
    ["http://localhost:3000/incidents", "/incidents"],
  ])("keeps the same-origin %s", (raw, want) => {
    expect(safeCallbackPath(raw, base)).toBe(want);
  });

  it.each([
    "/\\127.0.0.1:5199/x",
    "//127.0.0.1:5199/x",
    "\\\\evil.test/x",
    "/\t/evil.test/x",
    "/\n/evil.test",
    "https://evil.test/x",
    "http://localhost:3001/x",
    "http://localhost:3000.evil.test/x",
    "javascript:alert(1)",
    "data:text/html,hi",
    "evil.test",
    "",
    undefined,
    null,
  ])("refuses %s", (raw) => {
    expect(safeCallbackPath(raw, base)).toBe("/");
  });
});
