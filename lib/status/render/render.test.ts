import { XMLParser, XMLValidator } from "fast-xml-parser";
import ical from "node-ical";
import { describe, expect, it } from "vitest";
import Parser from "rss-parser";
import { fixture } from "../__fixtures__/public-data";
import { snapshotKey } from "../front-server";
import { renderHot } from "../public-routes";
import { renderAtom, renderBadge, renderIcs } from "./feeds";
import { html } from "./html";
import { renderHistoryPage, renderStatusPage } from "./pages";

describe("html template", () => {
  it("escapes interpolated text, keeps nested templates", () => {
    const evil = `<script>alert("x")</script>&'`;
    expect(html`<p title="${evil}">${evil}${html`<b>ok</b>`}</p>`.value).toBe(
      "<p title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;<b>ok</b></p>",
    );
  });
});

describe("status page HTML", () => {
  const page = renderStatusPage(fixture());
  it("has a colour key for the bars and labels a young component's bar with the day it appeared", () => {
    expect(page).toContain('aria-label="Uptime bar colours"');
    for (const label of ["Operational", "Degraded performance", "Partial outage", "Major outage", "Under maintenance", "No data (before the component existed)"]) expect(page).toContain(label);
    const d = fixture();
    d.components[0] = { ...d.components[0], createdAt: new Date(d.now.getTime() - 10 * 60_000) };
    const young = renderStatusPage(d);
    expect(young).toContain(`since ${d.now.toISOString().slice(0, 10)}</span>`);
    expect(young).toMatch(/uptime since \d{4}-\d{2}-\d{2} \(earlier days: no data\)/);
  });
  it("has no script at all and one inline stylesheet", () => {
    expect(page).not.toMatch(/<script/i);
    expect(page.match(/<style>/g)).toHaveLength(1);
  });
  it("shows the blended indicator, active incident with its updates, maintenance and 90 bars per component", () => {
    expect(page).toContain("Partial System Outage");
    expect(page).toContain("API errors");
    expect(page).toContain("Rolling back");
    expect(page).toContain("MW now");
    expect(page).toContain("MW next");
    expect(page).not.toContain("MW past");
    expect(page.match(/<svg class="bars" role="img"/g)).toHaveLength(3);
    expect(page.match(/<rect x=/g)).toHaveLength(270);
    expect(page).toContain("<title>2026-11-22: no incidents</title>");
  });
  it("escapes titles coming from data", () => {
    const d = fixture();
    d.activeIncidents[0].title = "<img src=x onerror=alert(1)>";
    expect(renderStatusPage(d)).not.toContain("<img src=x");
  });
  it("history paginates with prev/next links", () => {
    const d = fixture();
    const h = renderHistoryPage({ page: d.page, components: d.components, incidents: d.recentIncidents, pageNo: 2, total: 60, perPage: 25 });
    expect(h).toContain('href="/status/history" rel="prev"');
    expect(h).toContain('href="/status/history/page/3" rel="next"');
    expect(h).toContain("Page 2 of 3");
  });
});

describe("feeds", () => {
  it("Atom is well-formed Atom 1.0 with one entry per published update and per window", () => {
    const xml = renderAtom(fixture());
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml) as { feed: { "@_xmlns": string; id: string; title: string; updated: string; entry: { id: string; title: string; updated: string }[] } };
    expect(doc.feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(doc.feed.id).toBeTruthy();
    expect(doc.feed.entry).toHaveLength(2 + 2 + 3);
    for (const e of doc.feed.entry) {
      expect(e.id).toBeTruthy();
      expect(e.title).toBeTruthy();
      expect(new Date(e.updated).getTime()).not.toBeNaN();
    }
  });
  it("Atom titles with angle brackets and markup reach feed readers as literal text (rss-parser and fast-xml-parser)", async () => {
    const d = fixture();
    d.recentIncidents[0]!.title = "API <timeouts> & <b>bold</b>";
    d.maintenances[0]!.title = "DB <upgrade>";
    const xml = renderAtom(d);
    expect(XMLValidator.validate(xml)).toBe(true);
    // Atom: a type="html" title is HTML; decoding its entities must give the literal title and it must contain no element.
    const asHtmlText = (html: string) => {
      expect(html).not.toMatch(/<[a-z]/i);
      return String(new XMLParser({ htmlEntities: true }).parse(`<t>${html}</t>`).t);
    };
    const fx = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", textNodeName: "text" }).parse(xml) as { feed: { entry: { title: { type: string; text: string } }[] } };
    const fxTitles = fx.feed.entry.map((e) => {
      expect(["html", "text"]).toContain(e.title.type);
      return e.title.type === "html" ? asHtmlText(e.title.text) : e.title.text;
    });
    const rss = await new Parser().parseString(xml);
    const rssTitles = rss.items.map((i) => asHtmlText(i.title!));
    for (const titles of [fxTitles, rssTitles]) {
      expect(titles.some((t) => t.startsWith("API <timeouts> & <b>bold</b> — "))).toBe(true);
      expect(titles.some((t) => t.startsWith("Maintenance: DB <upgrade> ("))).toBe(true);
    }
  });
  it("iCalendar parses with one VEVENT per window", () => {
    const parsed = ical.sync.parseICS(renderIcs(fixture()));
    const events = Object.values(parsed).flatMap((v) => (v && v.type === "VEVENT" ? [v] : []));
    expect(events).toHaveLength(3);
    const e = events.find((v) => String(v.summary).includes("MW now"));
    expect(e?.start.toISOString()).toBe("2026-11-22T11:00:00.000Z");
  });
  it("iCalendar: SEQUENCE grows with each edit, refresh hints for subscribers, file ends with CRLF (node-ical)", () => {
    const d = fixture();
    d.maintenances[0]!.version = 3; // created, then rescheduled twice
    const text = renderIcs(d);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n").slice(0, -1).every((line) => !line.includes("\n"))).toBe(true);
    expect(text).toMatch(/\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n/);
    expect(text).toMatch(/\r\nX-PUBLISHED-TTL:PT1H\r\n/);
    const events = Object.values(ical.sync.parseICS(text)).flatMap((v) => (v && v.type === "VEVENT" ? [v] : []));
    const seq = (id: string) => Number((events.find((e) => e.uid.startsWith(`maintenance-${id}@`)) as unknown as { sequence: string }).sequence);
    expect(seq(d.maintenances[0]!.id)).toBe(2);
    expect(seq(d.maintenances[1]!.id)).toBe(0);
  });
  it("a cancelled window: STATUS:CANCELLED with a higher SEQUENCE (node-ical), a cancelled Atom entry (rss-parser), listed as cancelled on the page, gone from upcoming", async () => {
    const d = fixture();
    const next = d.maintenances.find((m) => m.id === "next")!;
    Object.assign(next, { cancelledAt: new Date("2026-11-21T09:00:00Z"), cancelReason: "Vendor <postponed> the patch", version: 2, updatedAt: new Date("2026-11-21T09:00:00Z") });
    const events = Object.values(ical.sync.parseICS(renderIcs(d))).flatMap((v) => (v && v.type === "VEVENT" ? [v] : []));
    const ev = events.find((e) => e.uid.startsWith("maintenance-next@")) as unknown as { status: string; sequence: string; summary: string };
    expect(ev.status).toBe("CANCELLED");
    expect(Number(ev.sequence)).toBe(1);
    const other = events.find((e) => e.uid.startsWith("maintenance-now@")) as unknown as { status?: string };
    expect(other.status).not.toBe("CANCELLED");
    const feed = await new Parser().parseString(renderAtom(d));
    const item = feed.items.find((i) => i.id?.endsWith("#maintenance-next"));
    expect(item?.title).toMatch(/^Cancelled maintenance: MW next/);
    expect(item?.content).toContain("Vendor &lt;postponed&gt; the patch");
    const page = renderStatusPage(d);
    expect(page).toContain("Cancelled: Vendor &lt;postponed&gt; the patch");
    expect(page).toMatch(/Cancelled · /);
  });
  it("badge is valid SVG, overall or per component (by id or name)", () => {
    const d = fixture();
    const overall = renderBadge(d) ?? "";
    expect(XMLValidator.validate(overall)).toBe(true);
    expect(overall).toContain("partial system outage");
    expect(renderBadge(d, "b")).toContain("under maintenance");
    expect(renderBadge(d, "comp c")).toContain("operational");
    expect(renderBadge(d, "nope")).toBeNull();
  });
});

describe("hot set and front keys", () => {
  it("renders every hot path and badge alias", () => {
    const keys = [...renderHot(fixture()).keys()];
    for (const k of ["/status", "/status/history", "/status/feed.atom", "/status/maintenance.ics", "/status/badge.svg", "/status/badge.svg?component=a", "/status/badge.svg?component=comp a", "/status/incidents/inc1", "/api/v2/summary.json", "/api/v2/scheduled-maintenances/active.json"]) {
      expect(keys).toContain(k);
    }
  });
  it("maps request URLs to snapshot keys", () => {
    expect(snapshotKey("/status")).toBe("/status");
    expect(snapshotKey("/status/?utm=1")).toBe("/status");
    expect(snapshotKey("/api/v2/summary.json?x=1")).toBe("/api/v2/summary.json");
    expect(snapshotKey("/status/badge.svg?component=Comp%20A")).toBe("/status/badge.svg?component=comp a");
    expect(snapshotKey("/changes")).toBeNull();
    expect(snapshotKey("/")).toBeNull();
  });
});
