"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** One weekly series with its target as a reference line. The numbers are also in the table next to it (and in the CSV). */
export function WeeklyChart({ title, data, target, unit, domain }: { title: string; data: { week: string; value: number | null }[]; target: number; unit: string; domain?: [number | "auto", number | "auto"] }) {
  return (
    <figure className="h-56" aria-label={`${title}, weekly, target ${target} ${unit}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
          <XAxis dataKey="week" tick={{ fontSize: 11 }} />
          <YAxis domain={domain ?? ["auto", "auto"]} tick={{ fontSize: 11 }} width={48} />
          <Tooltip formatter={(v) => (typeof v === "number" ? `${v.toFixed(2)} ${unit}` : "no data")} />
          <ReferenceLine y={target} stroke="#b91c1c" strokeDasharray="6 3" label={{ value: `target ${target} ${unit}`, fontSize: 11, fill: "#b91c1c", position: "insideTopRight" }} />
          <Line type="monotone" dataKey="value" name={title} stroke="#0369a1" strokeWidth={2} dot connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
