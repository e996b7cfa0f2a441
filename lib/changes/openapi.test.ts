import { OpenApiGeneratorV31, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { describe, expect, it } from "vitest";
import "@/lib/http/openapi";
import { registerOpenApi } from "./openapi";

describe("changes OpenAPI", () => {
  it("registers every /api/v1/changes endpoint", () => {
    const registry = new OpenAPIRegistry();
    registerOpenApi(registry);
    const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual(["/change-templates", "/change-templates/{id}", "/change-templates/{id}/changes", "/changes", "/changes/cab", "/changes/cab/agenda", "/changes/emergency-overdue", "/changes/{id}", "/changes/{id}/approvals", "/changes/{id}/checklist", "/changes/{id}/deploy-events", "/changes/{id}/deploy-gate", "/changes/{id}/transition", "/components/{id}/dependencies", "/freezes"]);
    expect(Object.keys(doc.paths!["/changes"]!)).toEqual(["get", "post"]);
  });
});
