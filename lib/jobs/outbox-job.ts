import { getEnv } from "@/lib/env";
import type { Job } from "@/lib/jobs/job";
import { deliverDue } from "@/lib/jobs/deliver-due";

/** Delivers the due outbox messages (email, webhooks, in-app). */
export const outboxJob: Job = { name: "outbox", intervalMs: () => getEnv().OPSGATE_OUTBOX_POLL_MS, run: (now) => deliverDue(now) };
