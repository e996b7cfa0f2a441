import { apiRoute } from "@/lib/http/route";
import { kpiCsv } from "@/lib/kpis/csv";
import { getKpiReport } from "@/lib/kpis/report";

export const dynamic = "force-dynamic";

/** The KPI report as JSON, or one of its tables as CSV (`?format=csv&table=…`). */
export const GET = apiRoute(
  async ({ req, actor }) => {
    const { query, report } = await getKpiReport({ actor, input: Object.fromEntries(new URL(req.url).searchParams) });
    if (query.format === "csv" && query.table) {
      return new Response(kpiCsv(report, query.table), {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="opsgate-kpis-${query.table}-${report.period.from.slice(0, 10)}-${report.period.to.slice(0, 10)}.csv"`,
        },
      });
    }
    return report;
  },
  { permission: "kpis.read" },
);
