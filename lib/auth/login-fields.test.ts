import { describe, expect, it } from "vitest";
import { loginFieldErrors } from "./login-fields";

describe("loginFieldErrors", () => {
  it("names each empty field", () => {
    expect(loginFieldErrors({ email: "", password: "" })).toEqual({ email: "Enter your email address", password: "Enter your password" });
    expect(loginFieldErrors({ email: "  ", password: "x" })).toEqual({ email: "Enter your email address" });
    expect(loginFieldErrors({ email: "a@b.test", password: "" })).toEqual({ password: "Enter your password" });
    expect(loginFieldErrors({ email: null, password: undefined })).toEqual({ email: "Enter your email address", password: "Enter your password" });
  });
  it("refuses an address without @ and passes a filled form to the server", () => {
    expect(loginFieldErrors({ email: "sre", password: "x" })).toEqual({ email: "Enter a valid email address" });
    expect(loginFieldErrors({ email: "sre@example.test", password: "secret" })).toBeNull();
  });
});
