import { Badge } from "@/components/ui/card";

const TONES: Record<string, "slate" | "green" | "amber" | "red" | "sky" | "violet"> = {
  Draft: "slate",
  Submitted: "amber",
  Approved: "green",
  Scheduled: "sky",
  "In progress": "sky",
  Completed: "green",
  Failed: "red",
  "Rolled back": "red",
  Rejected: "red",
  Cancelled: "slate",
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? "slate"}>{status}</Badge>;
}
