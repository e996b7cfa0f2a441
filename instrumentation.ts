/** Next calls register() once per server process: time its requests and start the background jobs there (Node runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Request durations of every route this server answers (lib/metrics/http-server.ts).
    const { observeHttpServer } = await import("@/lib/metrics/http-server");
    observeHttpServer();
  }
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.DATABASE_URL) {
    const { startBackgroundJobs } = await import("@/lib/jobs/start");
    await startBackgroundJobs();
  }
}
