import { cn } from "@/lib/utils";
import { Select } from "./input";

export type FilterOption = { value: string; label: string };

/** A labelled <select> for GET filter forms; `anyLabel` (default "Any") is the empty choice, `null` for none. */
export function FilterSelect({
  label,
  name,
  defaultValue,
  options,
  anyLabel = "Any",
  className,
}: {
  label: string;
  name: string;
  defaultValue?: string;
  options: FilterOption[];
  anyLabel?: string | null;
  className?: string;
}) {
  return (
    <label className={cn("block text-sm", className)}>
      <span className="mb-1 block font-medium">{label}</span>
      <Select name={name} defaultValue={defaultValue ?? ""}>
        {anyLabel !== null ? <option value="">{anyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </label>
  );
}

/** Same value and label, e.g. enum values shown as they are. */
export const asOptions = (values: readonly string[]): FilterOption[] => values.map((v) => ({ value: v, label: v }));
