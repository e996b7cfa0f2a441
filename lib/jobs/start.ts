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
export type Job = { name: string; intervalMs: () => number; run: (now: Date) => Promise<unknown> };

const JOBS: (() => Promise<Job>)[] = [
  async () => ({ name: "escalation", intervalMs: () => getEnv().OPSGATE_TICK_MS, run: (await import("@/lib/oncall/ticker")).tickEscalations }),
  async () => ({ name: "status-subscribers", intervalMs: () => getEnv().OPSGATE_TICK_MS, run: (await import("@/lib/status/subscribers")).runSubscriberNotifier }),
  async () => ({ name: "maintenance-status", intervalMs: () => getEnv().OPSGATE_TICK_MS, run: (await import("@/lib/maintenance/refresh-job")).refreshMaintenanceStatuses }),
  async () => {
    const { deliverDue } = await import("@/lib/jobs/worker");
    return { name: "outbox", intervalMs: () => getEnv().OPSGATE_OUTBOX_POLL_MS, run: (now) => deliverDue(now) };
  },
  async () => ({ name: "heartbeats", intervalMs: () => getEnv().OPSGATE_TICK_MS, run: (await import("@/lib/alerts/heartbeat-job")).checkHeartbeats }),
  async () => ({ name: "incident-reminders", intervalMs: () => Math.max(getEnv().OPSGATE_TICK_MS, 10_000), run: (await import("@/lib/incidents/reminder-job")).remindStaleIncidents }),
];

const g = globalThis as unknown as { __opsgateJobs?: NodeJS.Timeout[] };

export async function startBackgroundJobs() {
  if (g.__opsgateJobs || !getEnv().OPSGATE_WORKERS) return;
  g.__opsgateJobs = [];
  for (const load of JOBS) {
    const job = await load();
    let running = false;
    const timer = setInterval(async () => {
      if (running) return;
      running = true;
      try {
        await job.run(new Date());
      } catch (err) {
        log.error({ err, job: job.name }, "background job failed");
      } finally {
        running = false;
      }
    }, job.intervalMs());
    timer.unref();
    g.__opsgateJobs.push(timer);
    log.info({ job: job.name, intervalMs: job.intervalMs() }, "background job started");
  }
}

export function stopBackgroundJobs() {
  for (const t of g.__opsgateJobs ?? []) clearInterval(t);
  g.__opsgateJobs = undefined;
}
