import { OpenApiGeneratorV31, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { describe, expect, it } from "vitest";
import "@/lib/http/openapi";
import { registerOpenApi } from "./openapi";

describe("changes OpenAPI", () => {
  it("registers every /api/v1/changes endpoint", () => {
    const registry = new OpenAPIRegistry();
    registerOpenApi(registry);
    const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual(["/api/v1/changes", "/api/v1/changes/emergency-overdue", "/api/v1/changes/{id}", "/api/v1/changes/{id}/approvals", "/api/v1/changes/{id}/checklist", "/api/v1/changes/{id}/deploy-events", "/api/v1/changes/{id}/deploy-gate", "/api/v1/changes/{id}/transition", "/api/v1/freezes"]);
    expect(Object.keys(doc.paths!["/api/v1/changes"]!)).toEqual(["get", "post"]);
  });
});
