import { cabAgendaCsv, cabAgendaMarkdown } from "@/lib/changes/cab-agenda";
import { listCabQueue } from "@/lib/changes/cab";
import { ValidationError } from "@/lib/errors";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The CAB queue as an agenda for the weekly meeting: `?format=md` (default) or `csv`. */
export const GET = apiRoute(async ({ req, actor }) => {
  const format = new URL(req.url).searchParams.get("format") ?? "md";
  if (format !== "md" && format !== "csv") throw new ValidationError({ format: "format must be md or csv" });
  const rows = await listCabQueue(actor);
  const day = new Date().toISOString().slice(0, 10);
  const body = format === "csv" ? cabAgendaCsv(rows) : cabAgendaMarkdown(rows, `CAB agenda ${day}`);
  return new Response(body, {
    headers: { "content-type": format === "csv" ? "text/csv; charset=utf-8" : "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="cab-agenda-${day}.${format}"` },
  });
});
