import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { listOf, registerPath, z } from "@/lib/http/openapi";
import { listNotificationsQuerySchema, markNotificationsReadSchema } from "@/lib/notify/schemas";

const notification = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().openapi({ description: "Path inside OpsGate, e.g. /incidents/{id}" }),
    readAt: z.string().datetime().nullable(),
    createdAt: z.string().datetime(),
  })
  .openapi("Notification");

export function registerOpenApi(registry: OpenAPIRegistry) {
  registerPath(registry, {
    method: "get",
    path: "/notifications",
    summary: "The caller's in-app notifications, newest first",
    tags: ["Notifications"],
    request: { query: listNotificationsQuerySchema },
    responses: { 200: { description: "A page of notifications", content: { "application/json": { schema: listOf(notification) } } } },
  });
  registerPath(registry, {
    method: "post",
    path: "/notifications/read",
    summary: "Mark the caller's notifications read (all unread ones when ids is omitted)",
    tags: ["Notifications"],
    request: { body: { required: false, content: { "application/json": { schema: markNotificationsReadSchema.openapi("MarkNotificationsRead") } } } },
    responses: { 200: { description: "How many were marked", content: { "application/json": { schema: z.object({ updated: z.number().int() }) } } } },
  });
}
