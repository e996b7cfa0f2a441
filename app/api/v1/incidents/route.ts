import { paginationSchema } from "@/lib/http/pagination";
import { apiRoute, readJson, readQuery } from "@/lib/http/route";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { getIncident, listIncidents } from "@/lib/incidents/queries";
import { listIncidentsQuerySchema } from "@/lib/incidents/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ req }) => {
  const { limit, cursor, ...filters } = readQuery(req, paginationSchema.extend(listIncidentsQuerySchema.shape));
  return listIncidents(filters, { limit, cursor });
});

export const POST = apiRoute(
  async ({ req, actor }) => {
    const { id } = await declareIncident({ actor, input: await readJson(req) });
    return getIncident(id, new Date(), actor);
  },
  { permission: "incidents.declare", status: 201 },
);
