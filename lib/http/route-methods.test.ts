import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allowedMethods, API_ROUTE_METHODS } from "./route-methods";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? routeFiles(p) : name === "route.ts" ? [p] : [];
  });
}

describe("API route methods (JSON 405 from proxy.ts)", () => {
  it("the table is exactly what every app/api route.ts export", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const actual: Record<string, string[]> = {};
    for (const file of routeFiles(path.join(root, "app/api"))) {
      const src = readFileSync(file, "utf8");
      const exported = [...src.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b|export \{([^}]*)\}/g)].flatMap((m) => (m[1] ? [m[1]] : (m[2].match(/\b(GET|POST|PUT|PATCH|DELETE)\b/g) ?? [])));
      actual[`/${path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep).join("/")}`] = [...new Set(exported)].sort();
    }
    expect(Object.fromEntries(Object.entries(API_ROUTE_METHODS).map(([k, v]) => [k, [...v].sort()]))).toEqual(actual);
  });

  it("resolves like Next: static before dynamic before catch-all", () => {
    expect(allowedMethods("/api/v1/changes")).toEqual(["GET", "POST", "HEAD", "OPTIONS"]);
    expect(allowedMethods("/api/v1/changes/c123/transition")).toEqual(["POST", "OPTIONS"]);
    expect(allowedMethods("/api/v1/changes/emergency-overdue")).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(allowedMethods("/api/v1/users/me")).toEqual(["PATCH", "OPTIONS"]);
    expect(allowedMethods("/api/v1/no/such/thing")).toContain("PUT"); // the JSON 404 catch-all takes every method
    expect(allowedMethods("/api/health")).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(allowedMethods("/status")).toBeNull();
  });
});
