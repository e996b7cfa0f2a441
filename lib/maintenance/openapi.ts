import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { paginationSchema } from "@/lib/http/pagination";
import { listOf, registerPath, z } from "@/lib/http/openapi";
import { cancelMaintenanceSchema, createMaintenanceSchema, maintenanceListQuerySchema, maintenanceSchema, notifyResultSchema, updateMaintenanceSchema } from "@/lib/maintenance/schemas";

/** /api/v1/maintenance, described with the same schemas the handlers parse with. */
export function registerOpenApi(registry: OpenAPIRegistry) {
  const idParam = z.object({ id: z.string().openapi({ description: "Maintenance window id" }) });
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
  const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { "application/json": { schema } } });

  registerPath(registry, {
    method: "get",
    path: "/maintenance",
    tags: ["Maintenance"],
    summary: "List maintenance windows (phase upcoming|active|past; newest first unless upcoming/active), each with its conflicts",
    request: { query: paginationSchema.extend(maintenanceListQuerySchema.shape) },
    responses: { 200: json(listOf(maintenanceSchema), "A page of maintenance windows") },
  });
  registerPath(registry, {
    method: "post",
    path: "/maintenance",
    tags: ["Maintenance"],
    summary: "Schedule a maintenance window (engineers). Times in UTC; end after start; contact defaults to the SRE on call.",
    request: { body: body(createMaintenanceSchema) },
    responses: { 201: json(maintenanceSchema, "The created window") },
  });
  registerPath(registry, {
    method: "get",
    path: "/maintenance/{id}",
    tags: ["Maintenance"],
    summary: "Get one window with `conflicts` (overlapping windows sharing a component) and its rendered notice",
    request: { params: idParam },
    responses: { 200: json(maintenanceSchema, "The window") },
  });
  registerPath(registry, {
    method: "patch",
    path: "/maintenance/{id}",
    tags: ["Maintenance"],
    summary: "Edit a window; send only the fields to change (`componentIds`/`changeIds` replace the lists); body carries `version` (stale → 409). Changing what the notice says after notifying sets `noticeChangedAt`: the next notify sends a Rescheduled notice.",
    request: { params: idParam, body: body(updateMaintenanceSchema) },
    responses: { 200: json(maintenanceSchema, "The updated window") },
  });
  registerPath(registry, {
    method: "post",
    path: "/maintenance/{id}/notify",
    tags: ["Maintenance"],
    summary: "Send the Maintenance Notification (idempotent: a repeat sends nothing unless the window was edited since — then a Rescheduled notice)",
    request: { params: idParam },
    responses: { 200: json(notifyResultSchema, "Whether a notice was sent, and the window") },
  });
  registerPath(registry, {
    method: "post",
    path: "/maintenance/{id}/cancel",
    tags: ["Maintenance"],
    summary:
      "Cancel a scheduled or in-progress window (engineers): body `{version, reason}` (stale version → 409; already cancelled or ended → 422). Audited; stakeholders are told; a notified window shows as cancelled on the status page, Atom feed (STATUS:CANCELLED in the iCalendar feed) and v2 JSON, and status subscribers are told.",
    request: { params: idParam, body: body(cancelMaintenanceSchema) },
    responses: { 200: json(maintenanceSchema, "The cancelled window") },
  });
}
