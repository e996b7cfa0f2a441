import { getEnv } from "@/lib/env";
import type { Job } from "@/lib/jobs/job";
import { runNotificationRules } from "@/lib/contacts/deliver";

/** Sends each paged person's notification rules as they come due (after 2 min email, …) until acknowledged. */
export const notificationRulesJob: Job = { name: "notification-rules", intervalMs: () => getEnv().OPSGATE_TICK_MS, run: (now) => runNotificationRules(now) };
