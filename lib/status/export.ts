/**
 * Static export of the whole public status site (`npm run status:export -- DIR`),
 * for a static host that keeps answering while OpsGate's own infrastructure is
 * down. Same renderer and same public-only reads as the live pages, so the
 * files are byte-for-byte what the front server would send at that moment.
 *
 * Layout (every link on the pages is an absolute path, so host DIR at the site
 * root; `/status/history` resolves to `status/history/index.html` on nginx,
 * S3 website hosting, GitHub Pages, Netlify…):
 *   status/index.html, status/history/index.html, status/history/page/<n>/index.html,
 *   status/incidents/<id>/index.html (every public incident),
 *   status/feed.atom, status/maintenance.ics, status/badge.svg, status/badges/<component id>.svg,
 *   api/v2/<name>.json (all Statuspage v2 documents), 404.html.
 * Query strings do not exist on a static host: a component's badge is
 * `status/badges/<id>.svg` there instead of `badge.svg?component=<id>`.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { HISTORY_PAGE_SIZE, listPublicIncidents, loadPublicStatus } from "@/lib/status/queries";
import { badgeKey, notFoundPage, renderHot } from "@/lib/status/public-routes";
import { renderHistoryPage, renderIncidentPage } from "@/lib/status/render/pages";

/** The file (relative to the export root) for a public URL path. */
export function exportPath(urlPath: string): string {
  const p = urlPath.replace(/^\/+/, "");
  return path.extname(p) ? p : path.join(p, "index.html");
}

export type ExportResult = { files: string[]; incidents: number; historyPages: number };

/**
 * Writes the site into `dir` (created; existing files with the same names are
 * replaced). Each file is written to a temp name and renamed, so a web server
 * serving `dir` while it is refreshed never sends half a file.
 */
export async function exportStatusSite(dir: string, now = new Date()): Promise<ExportResult> {
  const files: string[] = [];
  const written = new Set<string>();
  const put = async (rel: string, body: string) => {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(`${file}.tmp`, body);
    await rename(`${file}.tmp`, file);
    files.push(rel);
    written.add(rel);
  };

  const data = await loadPublicStatus(now);
  const hot = renderHot(data);
  const componentBadges = new Map(data.components.map((c) => [badgeKey(c.id), c.id]));
  for (const [key, r] of hot) {
    if (key.startsWith("/status/badge.svg?")) {
      // by id only (names are for the live site's convenience); other keys are the same SVG
      const id = componentBadges.get(key);
      if (id) await put(`status/badges/${id}.svg`, r.body);
      continue;
    }
    // incident pages and history page 1 are written below from the full history
    if (key.startsWith("/status/incidents/") || key === "/status/history") continue;
    await put(exportPath(key), r.body);
  }

  // Every history page and every public incident's page, walking the history newest first.
  const pages = Math.max(1, Math.ceil(data.historyTotal / HISTORY_PAGE_SIZE));
  let incidents = 0;
  for (let pageNo = 1; pageNo <= pages; pageNo++) {
    const list = await listPublicIncidents(pageNo);
    if (pageNo > 1 && !list.length) break;
    await put(exportPath(pageNo === 1 ? "/status/history" : `/status/history/page/${pageNo}`), renderHistoryPage({ page: data.page, components: data.components, incidents: list, pageNo, total: data.historyTotal, perPage: HISTORY_PAGE_SIZE }));
    for (const incident of list) {
      await put(exportPath(`/status/incidents/${incident.id}`), renderIncidentPage({ page: data.page, components: data.components, incident }));
      incidents++;
    }
  }
  // Active incidents not (yet) in the history window are still linked from /status.
  for (const incident of data.activeIncidents) {
    const rel = exportPath(`/status/incidents/${incident.id}`);
    if (!written.has(rel)) {
      await put(rel, renderIncidentPage({ page: data.page, components: data.components, incident }));
      incidents++;
    }
  }
  await put("404.html", notFoundPage().body);
  return { files, incidents, historyPages: pages };
}

/** Removes a previous export's files before writing a fresh one (stale incident pages of deleted data). */
export async function cleanExportDir(dir: string) {
  await rm(path.join(dir, "status"), { recursive: true, force: true });
  await rm(path.join(dir, "api", "v2"), { recursive: true, force: true });
}
