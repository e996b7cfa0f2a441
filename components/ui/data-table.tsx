import Link from "next/link";
import * as React from "react";
import { cn } from "@/lib/utils";

/** One column: its header (a `th scope="col"`) and how a row fills its cell. */
export type DataTableColumn<T> = {
  header: React.ReactNode;
  /** the header is read to screen readers only (e.g. an "Actions" column) */
  srOnlyHeader?: boolean;
  cell: (row: T) => React.ReactNode;
  /** the cell's content becomes a link to this address (the row's record) */
  href?: (row: T) => string;
  className?: string;
};

type RowAttributes = React.HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };

export type DataTableProps<T> = {
  /** names the table (a `<caption>`, visually hidden unless `showCaption`) */
  caption: React.ReactNode;
  showCaption?: boolean;
  /** overrides the caption as the table's accessible name */
  "aria-label"?: string;
  columns: readonly DataTableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => React.Key;
  /** shown in one full-width row when `rows` is empty */
  empty?: React.ReactNode;
  rowProps?: (row: T) => RowAttributes;
  /** "inset" pads both sides (tables flush with a card's edge); "flush" lines the first column up with the text around it */
  variant?: "inset" | "flush";
  className?: string;
};

const CELL = { inset: "px-3 py-2", flush: "py-2 pr-4" } as const;

/** The styled link a cell uses for the record its row stands for. */
export function DataTableLink({ className, ...props }: React.ComponentProps<typeof Link>) {
  return <Link className={cn("font-medium text-sky-700 underline-offset-4 hover:underline dark:text-sky-400", className)} {...props} />;
}

/** An accessible `<table>` built from column definitions (shadcn's DataTable without the client-side state). */
export function DataTable<T>({ caption, showCaption = false, columns, rows, rowKey, empty, rowProps, variant = "flush", className, ...rest }: DataTableProps<T>) {
  const cell = CELL[variant];
  return (
    <table className={cn("w-full text-left text-sm", className)} aria-label={rest["aria-label"]}>
      <caption className={showCaption ? "mb-2 text-left text-sm text-slate-600 dark:text-slate-400" : "sr-only"}>{caption}</caption>
      <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-800 dark:text-slate-400">
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={cn(cell, "font-medium")}>
              {c.srOnlyHeader ? <span className="sr-only">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800" {...rowProps?.(row)}>
            {columns.map((c, i) => (
              <td key={i} className={cn(cell, c.className)}>
                {c.href ? <DataTableLink href={c.href(row)}>{c.cell(row)}</DataTableLink> : c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
        {rows.length === 0 && empty ? (
          <tr>
            <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">
              {empty}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
