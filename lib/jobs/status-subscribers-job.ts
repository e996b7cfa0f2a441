import { getEnv } from "@/lib/env";
import type { Job } from "@/lib/jobs/job";
import { sendSubscriberNotices } from "@/lib/status/subscribers/send-subscriber-notices";

/** Enqueues status-page subscriber notices for what was published since the last run. */
export const statusSubscribersJob: Job = { name: "status-subscribers", intervalMs: () => getEnv().OPSGATE_TICK_MS, run: sendSubscriberNotices };
