/**
 * Maintenance reads, one module per concern: the DTO mapping (dto), window
 * list and detail (windows), conflicts, the form's options, the change
 * calendar and a window's history. Import from here.
 */
import "server-only";

export * from "@/lib/maintenance/queries/dto";
export { getMaintenance, listMaintenance } from "@/lib/maintenance/queries/windows";
export { defaultContact, listComponentOptions, listLinkableChanges } from "@/lib/maintenance/queries/form-options";
export { getCalendar } from "@/lib/maintenance/queries/calendar";
export { listMaintenanceHistory } from "@/lib/maintenance/queries/history";
