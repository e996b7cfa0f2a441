import { Card } from "@/components/ui/card";
import { AlertRow, type AlertRowData } from "./alert-row";

type Row = AlertRowData & { integration: string; window: { id: string; number: number } | null };

/** Alerts that paged nobody because a maintenance window covered their components. */
export function SuppressedAlerts({ alerts }: { alerts: Row[] }) {
  if (!alerts.length) return null;
  return (
    <Card className="space-y-2 text-sm">
      <h2 className="font-semibold">Suppressed alerts</h2>
      <ul className="space-y-2">
        {alerts.map((a) => (
          <AlertRow key={a.id} alert={a} suppressed />
        ))}
      </ul>
    </Card>
  );
}
