/** Next calls register() once per server process: start the background jobs there (Node runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.DATABASE_URL) {
    const { startBackgroundJobs } = await import("@/lib/jobs/start");
    await startBackgroundJobs();
  }
}
