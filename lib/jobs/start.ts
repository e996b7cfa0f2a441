import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";

/**
 * Background jobs started with the server (instrumentation.ts). Each job is a
 * plain `run(now)` that does what is due and is idempotent, so several OpsGate
 * instances may run the same job on one PostgreSQL (row locks or unique keys
 * decide who does what). A run never overlaps its previous run.
 *
 * To add a job: append to JOBS below (keep the import lazy).
 */
export type Job = {
  name: string;
  intervalMs: () => number;
  run: (now: Date) => Promise<unknown>;
  /** the next instant work is due (e.g. an escalation threshold): the next run starts then if sooner than the interval */
  nextDueAt?: (now: Date) => Promise<Date | null>;
};

/** How long to wait before the next run: the interval, or until the next due instant (never a busy loop). Pure. */
export function nextDelayMs(intervalMs: number, now: Date, nextDue: Date | null, minMs = 50): number {
  if (!nextDue) return intervalMs;
  return Math.min(intervalMs, Math.max(minMs, nextDue.getTime() - now.getTime()));
}

const JOBS: (() => Promise<Job>)[] = [
  async () => {
    const { tickEscalations, nextEscalationDueAt } = await import("@/lib/oncall/ticker");
    return { name: "escalation", intervalMs: () => getEnv().OPSGATE_TICK_MS, run: tickEscalations, nextDueAt: (now) => nextEscalationDueAt(now) };
  },
  async () => ({ name: "status-subscribers", intervalMs: () => getEnv().OPSGATE_TICK_MS, run: (await import("@/lib/status/subscribers")).runSubscriberNotifier }),
  async () => ({ name: "maintenance-status", intervalMs: () => getEnv().OPSGATE_TICK_MS, run: (await import("@/lib/maintenance/refresh-job")).refreshMaintenanceStatuses }),
  async () => {
    const { deliverDue } = await import("@/lib/jobs/worker");
    return { name: "outbox", intervalMs: () => getEnv().OPSGATE_OUTBOX_POLL_MS, run: (now) => deliverDue(now) };
  },
  async () => ({ name: "heartbeats", intervalMs: () => getEnv().OPSGATE_TICK_MS, run: (await import("@/lib/alerts/heartbeat-job")).checkHeartbeats }),
  async () => ({ name: "incident-reminders", intervalMs: () => Math.max(getEnv().OPSGATE_TICK_MS, 10_000), run: (await import("@/lib/incidents/reminder-job")).remindStaleIncidents }),
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
