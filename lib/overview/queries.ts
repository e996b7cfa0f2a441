import "server-only";
import { db } from "@/lib/db/client";

export async function getOverview(now = new Date()) {
  const [openIncidents, submittedChanges, activeChanges, upcomingMaintenance] = await Promise.all([
    db.incident.count({ where: { status: { not: "Resolved" } } }),
    db.changeRequest.count({ where: { status: "Submitted" } }),
    db.changeRequest.count({ where: { status: { in: ["Approved", "Scheduled", "InProgress"] } } }),
    db.maintenanceWindow.count({ where: { windowEnd: { gte: now }, cancelledAt: null } }),
  ]);
  return { openIncidents, submittedChanges, activeChanges, upcomingMaintenance };
}
