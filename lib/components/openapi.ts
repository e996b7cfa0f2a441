import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { createComponentSchema, componentSchema, updateComponentSchema } from "@/lib/components/schemas";
import { paginationSchema } from "@/lib/http/pagination";
import { listOf, registerPath, z } from "@/lib/http/openapi";

/** /api/v1/components, described with the same schemas the handlers parse with. */
export function registerOpenApi(registry: OpenAPIRegistry) {
  // clone(): schemas built before extendZodWithOpenApi ran (imported by handlers first) lack `.openapi`; their clones have it.
  const Component = registry.register("Component", componentSchema.clone());
  const CreateComponent = registry.register("CreateComponent", createComponentSchema.clone());
  const UpdateComponent = registry.register("UpdateComponent", updateComponentSchema.clone());
  const idParam = z.object({ id: z.string().openapi({ description: "Component id" }) });
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });

  registerPath(registry, {
    method: "get",
    path: "/components",
    tags: ["Components"],
    summary: "List components ordered by group, position and name",
    request: { query: paginationSchema },
    responses: { 200: json(listOf(Component), "A page of components") },
  });
  registerPath(registry, {
    method: "post",
    path: "/components",
    tags: ["Components"],
    summary: "Create a component (ARCHITECT). Status is derived, never sent.",
    request: { body: { required: true, content: { "application/json": { schema: CreateComponent } } } },
    responses: { 201: json(Component, "The created component") },
  });
  registerPath(registry, {
    method: "get",
    path: "/components/{id}",
    tags: ["Components"],
    summary: "Get one component",
    request: { params: idParam },
    responses: { 200: json(Component, "The component") },
  });
  registerPath(registry, {
    method: "patch",
    path: "/components/{id}",
    tags: ["Components"],
    summary: "Update a component (ARCHITECT); send only the fields to change",
    request: { params: idParam, body: { required: true, content: { "application/json": { schema: UpdateComponent } } } },
    responses: { 200: json(Component, "The updated component") },
  });
}
