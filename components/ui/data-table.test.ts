import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";

type Row = { id: string; name: string };
const columns: DataTableColumn<Row>[] = [
  { header: "Name", cell: (r) => r.name, href: (r) => `/things/${r.id}` },
  { header: "Actions", srOnlyHeader: true, cell: (r) => `do ${r.id}` },
];
const html = (rows: Row[], extra: Partial<Parameters<typeof DataTable<Row>>[0]> = {}) =>
  renderToStaticMarkup(createElement(DataTable<Row>, { caption: "Things", columns, rows, rowKey: (r) => r.id, empty: "Nothing yet.", ...extra }));

describe("DataTable", () => {
  it("names the table with a caption and marks every header as a column header", () => {
    const out = html([{ id: "a", name: "Alpha" }]);
    expect(out).toContain('<caption class="sr-only">Things</caption>');
    expect(out.match(/<th scope="col"/g)).toHaveLength(2);
    expect(out).toContain('<span class="sr-only">Actions</span>');
  });

  it("links the cell of a column with href and renders one row per record", () => {
    const out = html([
      { id: "a", name: "Alpha" },
      { id: "b", name: "Beta" },
    ]);
    expect(out).toMatch(/<a [^>]*href="\/things\/a"[^>]*>Alpha<\/a>/);
    expect(out).toContain("do b");
    expect(out.match(/<tr/g)).toHaveLength(3);
    expect(out).not.toContain("Nothing yet.");
  });

  it("shows the empty state across all columns when there are no rows", () => {
    expect(html([])).toMatch(/<td colSpan="2"[^>]*>Nothing yet.<\/td>/);
    expect(html([], { empty: undefined })).not.toContain("<td");
  });

  it("passes row attributes and a visible caption through", () => {
    const out = html([{ id: "a", name: "Alpha" }], { rowProps: (r) => ({ "data-testid": `row-${r.id}` }), showCaption: true, "aria-label": "All things" });
    expect(out).toContain('data-testid="row-a"');
    expect(out).toContain('aria-label="All things"');
    expect(out).not.toContain('class="sr-only">Things');
  });
});
