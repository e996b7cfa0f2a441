/**
 * The `route` label of the HTTP duration histogram (pure): the Next route
 * pattern a path is served by (`/changes/[id]`, `/api/v1/kpis`), read from the
 * build's routes manifest, so the label set is bounded by the app's routes and
 * never by what clients send. Anything else is one of three fixed labels.
 */
export type RoutesManifest = { staticRoutes?: { page: string }[]; dynamicRoutes?: { page: string; regex: string }[] };

export const UNMATCHED_ROUTE = "(unmatched)";
export const NEXT_ASSETS_ROUTE = "/_next/static";
export const NEXT_INTERNAL_ROUTE = "/_next";

export function routeMatcher(manifest: RoutesManifest): (pathname: string) => string {
  const statics = new Set((manifest.staticRoutes ?? []).map((r) => r.page));
  // Next lists dynamic routes most specific first; keep that order.
  const dynamics = (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, re: new RegExp(r.regex) }));
  return (pathname: string) => {
    if (pathname.startsWith("/_next/static/")) return NEXT_ASSETS_ROUTE;
    if (pathname.startsWith("/_next/")) return NEXT_INTERNAL_ROUTE;
    const p = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
    if (statics.has(p)) return p;
    for (const d of dynamics) if (d.re.test(p)) return d.page;
    return UNMATCHED_ROUTE;
  };
}

/** The path of a request target (`/a/b?x=1` → `/a/b`), decoded only as far as matching needs. */
export function pathOfTarget(url: string | undefined): string {
  const u = url ?? "/";
  const q = u.search(/[?#]/);
  return q < 0 ? u : u.slice(0, q) || "/";
}
