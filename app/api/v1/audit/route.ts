import { listAudit } from "@/lib/audit-log/queries";
import { auditListQuerySchema } from "@/lib/audit-log/schemas";
import { apiRoute, readQuery } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The audit log (ARCHITECT): API.md "audit — GET, filter by entity and entityId". */
export const GET = apiRoute(async ({ req, actor }) => listAudit(actor, readQuery(req, auditListQuerySchema)), { permission: "audit.read" });
