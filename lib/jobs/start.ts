import { getEnv } from "@/lib/env";
import type { Job } from "@/lib/jobs/job";
import { log } from "@/lib/log";

/**
 * Starts the background jobs with the server (instrumentation.ts). To add a
 * job: define it in lib/jobs/<name>-job.ts (see lib/jobs/job.ts) and append
 * it to JOBS (keep the import lazy). A run never overlaps its previous run.
 */
export type { Job };

/** How long to wait before the next run: the interval, or until the next due instant (never a busy loop). Pure. */
export function nextDelayMs(intervalMs: number, now: Date, nextDue: Date | null, minMs = 50): number {
  if (!nextDue) return intervalMs;
  return Math.min(intervalMs, Math.max(minMs, nextDue.getTime() - now.getTime()));
}

const JOBS: (() => Promise<Job>)[] = [
  async () => (await import("@/lib/jobs/escalation-job")).escalationJob,
  async () => (await import("@/lib/jobs/notification-rules-job")).notificationRulesJob,
  async () => (await import("@/lib/jobs/status-subscribers-job")).statusSubscribersJob,
  async () => (await import("@/lib/jobs/maintenance-status-job")).maintenanceStatusJob,
  async () => (await import("@/lib/jobs/outbox-job")).outboxJob,
  async () => (await import("@/lib/jobs/heartbeats-job")).heartbeatsJob,
  async () => (await import("@/lib/jobs/incident-reminders-job")).incidentRemindersJob,
  async () => (await import("@/lib/jobs/emergency-approval-reminders-job")).emergencyApprovalRemindersJob,
];

const g = globalThis as unknown as { __opsgateJobs?: { timer?: NodeJS.Timeout; stopped: boolean }[] };

export async function startBackgroundJobs() {
  if (g.__opsgateJobs || !getEnv().OPSGATE_WORKERS) return;
  g.__opsgateJobs = [];
  for (const load of JOBS) {
    const job = await load();
    const handle: { timer?: NodeJS.Timeout; stopped: boolean } = { stopped: false };
    // A chain of timeouts, not an interval: a run never overlaps the previous one, and
    // a job with `nextDueAt` wakes at its next due instant (a page fires within ~50 ms of its threshold).
    const schedule = (delay: number) => {
      if (handle.stopped) return;
      handle.timer = setTimeout(tick, delay);
      handle.timer.unref();
    };
    const tick = async () => {
      let delay = job.intervalMs();
      try {
        await job.run(new Date());
        if (job.nextDueAt) delay = nextDelayMs(delay, new Date(), await job.nextDueAt(new Date()));
      } catch (err) {
        log.error({ err, job: job.name }, "background job failed");
      }
      schedule(delay);
    };
    schedule(job.intervalMs());
    g.__opsgateJobs.push(handle);
    log.info({ job: job.name, intervalMs: job.intervalMs() }, "background job started");
  }
}

export function stopBackgroundJobs() {
  for (const h of g.__opsgateJobs ?? []) {
    h.stopped = true;
    clearTimeout(h.timer);
  }
  g.__opsgateJobs = undefined;
}
