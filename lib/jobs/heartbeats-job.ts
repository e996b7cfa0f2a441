import { checkHeartbeats } from "@/lib/alerts/check-heartbeats";
import { getEnv } from "@/lib/env";
import type { Job } from "@/lib/jobs/job";

/** The dead man's switch: opens an alert for every heartbeat integration that missed its ping. */
export const heartbeatsJob: Job = { name: "heartbeats", intervalMs: () => getEnv().OPSGATE_TICK_MS, run: checkHeartbeats };
