"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";
import { parseUtcDateTime } from "@/lib/maintenance/window";
import { formatLocal } from "./local-time";

/**
 * A `datetime-local` input whose value is read as UTC (SPEC.md §4: windows
 * are entered and shown in UTC), with the viewer's local time beside it.
 */
export function UtcDateTimeInput({ name, defaultValue, ...rest }: { name: string; defaultValue: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "type" | "name" | "defaultValue">) {
  const [value, setValue] = useState(defaultValue);
  const parsed = value ? parseUtcDateTime(value) : null;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <div className="flex items-center gap-2">
        <Input {...rest} type="datetime-local" name={name} value={value} onChange={(e) => setValue(e.target.value)} className="w-56" />
        <span className="text-sm font-medium">UTC</span>
      </div>
      <span className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite" data-testid={`${name}-local`}>
        {parsed ? `Your time: ${formatLocal(parsed)}` : ""}
      </span>
    </div>
  );
}
