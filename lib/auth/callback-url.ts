/**
 * Where to go after sign-in: only a path on this origin. Parsed with the URL
 * parser against `base` and compared by origin, so `//evil`, `/\evil`,
 * `/\t/evil`, `https://evil` and `javascript:` all fall back to "/".
 * An absolute URL on this origin (next-auth's middleware sends those) is kept as its path.
 */
export function safeCallbackPath(raw: string | null | undefined, base: string): string {
  if (!raw || raw.length > 2000) return "/";
  // Browsers treat "\" like "/" and drop tabs/newlines: refuse anything that could turn into "//host".
  if (/[\\\u0000-\u001f]/.test(raw)) return "/";
  let baseUrl: URL;
  let url: URL;
  try {
    baseUrl = new URL(base);
    url = new URL(raw, baseUrl);
  } catch {
    return "/";
  }
  if (url.origin !== baseUrl.origin) return "/";
  if (!raw.startsWith("/") && !raw.startsWith(baseUrl.origin)) return "/";
  if (raw.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}` || "/";
}
