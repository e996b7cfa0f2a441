import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}

/** `2026-12-01 02:00 UTC`: every stored time is shown in UTC (SPEC.md §4). */
export function formatUtc(date: Date | string | null | undefined, withSeconds = false): string {
  if (!date) return "—";
  const iso = (typeof date === "string" ? new Date(date) : date).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, withSeconds ? 19 : 16)} UTC`;
}
