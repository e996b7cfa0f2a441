import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";

/**
 * The document's paths, joined with `servers[0].url` by an independent
 * generated-style client (openapi-fetch), must land on a route file that
 * exports the method — and every v1 route file is documented.
 */
const V1 = path.join(process.cwd(), "app/api/v1");
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Route files that are deliberately not in the document (not part of the machine API contract). */
const UNDOCUMENTED = new Set(["openapi.json GET", "kpis GET", "kpis/costs GET", "kpis/costs POST", "integrations GET", "integrations POST", "integrations/[id] PATCH", "integrations/[id] DELETE"]);

type RouteFile = { segments: string[]; methods: Set<string>; rel: string };

function routeFiles(dir = V1, prefix: string[] = []): RouteFile[] {
  const out: RouteFile[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name.startsWith("[...")) continue; // the catch-all answers 404 for everything
      out.push(...routeFiles(full, [...prefix, name]));
    } else if (name === "route.ts") {
      const src = readFileSync(full, "utf8");
      const methods = new Set([...src.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!));
      out.push({ segments: prefix, methods, rel: prefix.join("/") });
    }
  }
  return out;
}

/** Next's matching: a literal segment beats a dynamic one. */
function match(files: RouteFile[], pathname: string): RouteFile | undefined {
  const parts = pathname.split("/").filter(Boolean);
  const candidates = files.filter((f) => f.segments.length === parts.length && f.segments.every((s, i) => (s.startsWith("[") ? true : s === parts[i])));
  return candidates.sort((a, b) => a.segments.filter((s) => s.startsWith("[")).length - b.segments.filter((s) => s.startsWith("[")).length)[0];
}

async function document() {
  return (await (await openapi()).json()) as { servers: { url: string }[]; paths: Record<string, Record<string, unknown>> };
}

describe("OpenAPI paths", () => {
  it("every documented operation, called through servers[0].url by openapi-fetch, reaches a route file exporting that method", async () => {
    const doc = await document();
    expect(doc.servers[0]!.url).toBe("/api/v1");
    const files = routeFiles();
    const called: string[] = [];
    const client = createClient<Record<string, never>>({
      baseUrl: `http://opsgate.test${doc.servers[0]!.url}`,
      fetch: async (req: Request) => {
        called.push(`${req.method} ${new URL(req.url).pathname}`);
        return Response.json({});
      },
    });
    const problems: string[] = [];
    let operations = 0;
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        if (!item[method]) continue;
        operations++;
        const concrete = p.replace(/\{[^}]+\}/g, "x1");
        called.length = 0;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped client: the paths come from the served document at run time
        await (client as any)[method.toUpperCase()](concrete, method === "get" || method === "delete" ? {} : { body: {} });
        const [verb, pathname] = called[0]!.split(" ");
        expect(pathname!.startsWith("/api/v1/")).toBe(true);
        const file = match(files, pathname!.slice("/api/v1/".length));
        if (!file) problems.push(`${method.toUpperCase()} ${p} → ${pathname}: no route file under app/api/v1`);
        else if (!file.methods.has(verb!)) problems.push(`${method.toUpperCase()} ${p} → app/api/v1/${file.rel}/route.ts exports no ${verb}`);
      }
    }
    expect(problems).toEqual([]);
    expect(operations).toBeGreaterThanOrEqual(34);
  });

  it("every /api/v1 route file and method is documented", async () => {
    const doc = await document();
    const missing: string[] = [];
    for (const file of routeFiles()) {
      const docPath = "/" + file.segments.map((s) => (s.startsWith("[") ? `{${s.slice(1, -1)}}` : s)).join("/");
      for (const method of file.methods) {
        if (UNDOCUMENTED.has(`${file.rel} ${method}`)) continue;
        if (!doc.paths[docPath]?.[method.toLowerCase()]) missing.push(`${method} ${docPath} (app/api/v1/${file.rel}/route.ts)`);
      }
    }
    expect(missing).toEqual([]);
  });
});
