import { getEnv } from "@/lib/env";
import type { Job } from "@/lib/jobs/job";
import { refreshMaintenanceStatuses } from "@/lib/maintenance/refresh-maintenance-statuses";

/** Maintenance windows start and end on their own: recomputes the cached component statuses. */
export const maintenanceStatusJob: Job = { name: "maintenance-status", intervalMs: () => getEnv().OPSGATE_TICK_MS, run: refreshMaintenanceStatuses };
