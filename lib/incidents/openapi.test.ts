import { OpenApiGeneratorV31, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { describe, expect, it } from "vitest";
import { registerOpenApi } from "./openapi";

describe("incidents OpenAPI", () => {
  it("documents every /api/v1/incidents endpoint with its request schema", () => {
    const registry = new OpenAPIRegistry();
    registerOpenApi(registry);
    const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual(["/incidents", "/incidents/live", "/incidents/{id}", "/incidents/{id}/acknowledge", "/incidents/{id}/reopen", "/incidents/{id}/resolve", "/incidents/{id}/updates"]);
    const declare = JSON.stringify(doc.paths?.["/incidents"]?.post?.requestBody);
    for (const field of ["title", "severity", "impact", "componentIds", "currentAction", "eta", "commanderId"]) expect(declare).toContain(field);
    expect(JSON.stringify(doc.paths?.["/incidents/{id}/resolve"]?.post?.requestBody)).toContain("resolution");
    expect(doc.paths?.["/incidents"]?.get?.parameters?.map((p) => ("name" in p ? p.name : "")).sort()).toEqual(["commander", "component", "cursor", "limit", "q", "severity", "status"]);
  });
});
