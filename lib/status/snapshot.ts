/**
 * Precomputed public responses ("snapshots"). The refresher polls the cheap
 * public version (one aggregate query) every OPSGATE_STATUS_REFRESH_MS and
 * re-renders the whole hot set when it changed, or at least every
 * OPSGATE_STATUS_REBUILD_MS (maintenance windows start/end, the uptime day
 * rolls over). Each entry holds ready-to-send bytes, a gzip copy and an ETag,
 * so serving one is a Map lookup and a socket write. The last good set is
 * also written to disk and loaded at start, so the page is served even while
 * the database is unreachable.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { log } from "@/lib/log";
import { renderHot } from "@/lib/status/public-routes";
import { loadPublicStatus, publicVersion } from "@/lib/status/queries";

/** `lastModified`: HTTP-date of the build that rendered it (sent as Last-Modified). */
export type SnapshotEntry = { status: number; type: string; body: Buffer; gzip: Buffer | null; etag: string; lastModified?: string };
export type SnapshotSet = { version: string; builtAt: number; entries: Map<string, SnapshotEntry> };

function entry(status: number, type: string, text: string, builtAt: number): SnapshotEntry {
  const body = Buffer.from(text, "utf8");
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  const gzip = body.length > 1024 ? gzipSync(body, { level: 6 }) : null;
  return { status, type, body, gzip, etag, lastModified: new Date(builtAt).toUTCString() };
}

export async function buildSnapshotSet(now: Date, version?: string): Promise<SnapshotSet> {
  const v = version ?? (await publicVersion());
  const data = await loadPublicStatus(now);
  const entries = new Map<string, SnapshotEntry>();
  for (const [key, r] of renderHot(data)) entries.set(key, entry(r.status, r.type, r.body, now.getTime()));
  return { version: v, builtAt: now.getTime(), entries };
}

type Persisted = { version: string; builtAt: number; entries: [string, number, string, string][] };

export function saveSnapshotSet(dir: string, set: SnapshotSet) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "snapshot.json");
  const data: Persisted = { version: set.version, builtAt: set.builtAt, entries: [...set.entries].map(([k, e]) => [k, e.status, e.type, e.body.toString("utf8")]) };
  writeFileSync(`${file}.tmp`, JSON.stringify(data));
  renameSync(`${file}.tmp`, file);
}

export function loadSnapshotSet(dir: string): SnapshotSet | null {
  try {
    const data = JSON.parse(readFileSync(path.join(dir, "snapshot.json"), "utf8")) as Persisted;
    // Never trusted as current: an empty version forces a rebuild as soon as the database answers.
    return { version: "", builtAt: data.builtAt, entries: new Map(data.entries.map(([k, s, t, b]) => [k, entry(s, t, b, data.builtAt)])) };
  } catch {
    return null;
  }
}

export type RefresherOptions = { refreshMs: number; rebuildMs: number; dir?: string; onRebuild?: (set: SnapshotSet, ms: number) => void };

/** Keeps `current` fresh. One tick never overlaps the previous one. */
export class SnapshotRefresher {
  current: SnapshotSet | null = null;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(private readonly opts: RefresherOptions) {
    if (opts.dir) this.current = loadSnapshotSet(opts.dir);
  }

  /** Rebuilds when the public version changed or the set is older than rebuildMs; returns whether it rebuilt. */
  async tick(now = new Date()): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    try {
      const v = await publicVersion();
      if (this.current && this.current.version === v && now.getTime() - this.current.builtAt < this.opts.rebuildMs) return false;
      const started = Date.now();
      const set = await buildSnapshotSet(now, v);
      this.current = set;
      this.opts.onRebuild?.(set, Date.now() - started);
      if (this.opts.dir) saveSnapshotSet(this.opts.dir, set);
      return true;
    } catch (err) {
      log.warn({ err }, "status snapshot refresh failed; serving the previous snapshot");
      return false;
    } finally {
      this.busy = false;
    }
  }

  start() {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.refreshMs);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
