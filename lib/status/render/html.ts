/**
 * A tiny escaping HTML template: `html\`<p>${text}</p>\`` escapes every
 * interpolated value unless it is itself `Html` (or an array of them). The
 * public pages are rendered with this instead of React so the same code runs
 * in the front server, in Next route handlers, in tests and in the static
 * export, with no client JavaScript at all.
 */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

type Part = Html | string | number | null | undefined | false | Part[];

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESC[c]);
}

function render(p: Part): string {
  if (p === null || p === undefined || p === false) return "";
  if (p instanceof Html) return p.value;
  if (Array.isArray(p)) return p.map(render).join("");
  return escapeHtml(String(p));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Trusted markup (constants only, never data). */
export const raw = (s: string) => new Html(s);
