import { getEnv } from "@/lib/env";
import { remindStaleIncidents } from "@/lib/incidents/remind-stale-incidents";
import type { Job } from "@/lib/jobs/job";

/** Reminds commanders of incidents without an update for their severity's interval. */
export const incidentRemindersJob: Job = { name: "incident-reminders", intervalMs: () => Math.max(getEnv().OPSGATE_TICK_MS, 10_000), run: remindStaleIncidents };
