import { paginationSchema } from "@/lib/http/pagination";
import { apiRoute, readJson, readQuery } from "@/lib/http/route";
import { createMaintenance } from "@/lib/maintenance/create-maintenance";
import { listMaintenance } from "@/lib/maintenance/queries";
import { maintenanceListQuerySchema } from "@/lib/maintenance/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ req }) => listMaintenance(readQuery(req, paginationSchema.extend(maintenanceListQuerySchema.shape))));

export const POST = apiRoute(async ({ req, actor }) => createMaintenance({ actor, input: await readJson(req) }), { permission: "maintenance.create", status: 201 });
