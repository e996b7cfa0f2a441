/**
 * The public pages' whole stylesheet, inlined into every page (one request,
 * no render-blocking CSS, no JavaScript). System fonts; dark mode from the OS;
 * colours chosen for ≥ 4.5:1 contrast in both schemes.
 */
export const STATUS_CSS = `
:root{color-scheme:light dark;--bg:#f8fafc;--card:#fff;--fg:#0f172a;--muted:#475569;--line:#e2e8f0;--link:#0369a1;
--ok:#15803d;--minor:#a16207;--major:#c2410c;--crit:#b91c1c;--maint:#1d4ed8;--none:#cbd5e1}
@media (prefers-color-scheme:dark){:root{--bg:#020617;--card:#0f172a;--fg:#f1f5f9;--muted:#cbd5e1;--line:#1e293b;--link:#7dd3fc;
--ok:#4ade80;--minor:#facc15;--major:#fb923c;--crit:#f87171;--maint:#93c5fd;--none:#334155}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-text-size-adjust:100%;overflow-wrap:anywhere}
td,th{overflow-wrap:anywhere;max-width:32rem}
a{color:var(--link)}
:focus-visible{outline:2px solid var(--link);outline-offset:2px}
.wrap{max-width:56rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px;top:0;background:var(--card);padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
header.top{border-bottom:1px solid var(--line);background:var(--card)}
header.top .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding-top:.75rem;padding-bottom:.75rem}
.brand{font-weight:700;font-size:1.125rem;color:var(--fg);text-decoration:none}
header nav{display:flex;gap:1rem;flex-wrap:wrap;font-size:.9375rem}
main.wrap{padding-top:1.5rem;padding-bottom:2rem}
h1,h2,h3{line-height:1.25;margin:0}
h2{font-size:1.25rem;margin:2rem 0 .75rem}
h3{font-size:1rem}
.banner{border-radius:.5rem;padding:1rem 1.25rem;color:#fff;background:#15803d}
.banner h1{font-size:1.375rem}
.banner p{margin:.25rem 0 0;font-size:.875rem;opacity:.95}
.b-minor{background:#a16207}.b-major{background:#c2410c}.b-critical{background:#b91c1c}.b-maintenance{background:#1d4ed8}
.card{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem 1.25rem;margin-bottom:1rem}
.card h3{font-size:1.0625rem}
.meta{color:var(--muted);font-size:.875rem;margin:.25rem 0 0}
.pill{display:inline-block;border:1px solid currentColor;border-radius:999px;padding:0 .5rem;font-size:.75rem;font-weight:600;vertical-align:middle;margin-left:.25rem}
.i-critical{color:var(--crit)}.i-major{color:var(--major)}.i-minor{color:var(--minor)}.i-none{color:var(--muted)}.i-maintenance{color:var(--maint)}
.updates{list-style:none;margin:.75rem 0 0;padding:0}
.updates li{border-left:3px solid var(--line);padding:.25rem 0 .25rem .75rem;margin-bottom:.5rem}
.updates p{margin:.125rem 0;white-space:pre-line}
.group{margin-bottom:1rem;padding:0}
.group h3{padding:.75rem 1.25rem;border-bottom:1px solid var(--line)}
.comps{list-style:none;margin:0;padding:0}
.comp{padding:.75rem 1.25rem;border-bottom:1px solid var(--line)}
.comp:last-child{border-bottom:0}
.row{display:flex;justify-content:space-between;gap:.5rem;flex-wrap:wrap}
.name{font-weight:600}
.s-operational{color:var(--ok)}.s-degraded_performance{color:var(--minor)}.s-partial_outage{color:var(--major)}.s-major_outage{color:var(--crit)}.s-under_maintenance{color:var(--maint)}
.st{font-size:.875rem;font-weight:600}
.bars{display:block;width:100%;height:2rem;margin:.5rem 0 .25rem}
.bars rect{fill:var(--ok)}.bars .nd{fill:var(--none)}.bars .dg{fill:var(--minor)}.bars .po{fill:var(--major)}.bars .mo{fill:var(--crit)}.bars .um{fill:var(--maint)}
.legend{display:flex;justify-content:space-between;color:var(--muted);font-size:.75rem}
.key{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.75rem 0 .25rem;font-size:.75rem;color:var(--muted)}.key li{display:flex;align-items:center;gap:.375rem}.key rect{fill:var(--ok)}.key .nd{fill:var(--none)}.key .dg{fill:var(--minor)}.key .po{fill:var(--major)}.key .mo{fill:var(--crit)}.key .um{fill:var(--maint)}.keynote{font-size:.75rem;color:var(--muted);margin:0}
.desc{color:var(--muted);font-size:.875rem;margin:.125rem 0 0}
form{display:grid;gap:.5rem;margin:.5rem 0 1rem}
label{font-weight:600;font-size:.875rem}
input[type=email],input[type=url]{font:inherit;padding:.5rem .625rem;border:1px solid #64748b;border-radius:.375rem;background:var(--card);color:var(--fg);width:100%;max-width:28rem}
fieldset{border:1px solid var(--line);border-radius:.375rem;padding:.5rem .75rem;max-width:28rem}
fieldset label{font-weight:400;display:block}
button{font:inherit;font-weight:600;background:#0369a1;color:#fff;border:0;border-radius:.375rem;padding:.5rem 1rem;justify-self:start;cursor:pointer}
.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:1rem}
.empty{color:var(--muted)}
footer{border-top:1px solid var(--line);color:var(--muted);font-size:.875rem;padding:1rem 0 2rem}
footer .wrap{display:flex;flex-wrap:wrap;gap:1rem}
@media (max-width:30rem){.banner h1{font-size:1.125rem}.card:not(.group),.comp,.group h3{padding-left:.875rem;padding-right:.875rem}.bars{height:1.5rem}}
`
  .replace(/\n/g, "")
  .trim();
