import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { getOverview } from "@/lib/overview/queries";

export const metadata: Metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const actor = await requireActor();
  const o = await getOverview();
  const tiles = [
    { label: "Open incidents", value: o.openIncidents, href: "/incidents" },
    { label: "Changes awaiting approval", value: o.submittedChanges, href: "/changes?status=Submitted" },
    { label: "Changes in flight", value: o.activeChanges, href: "/changes" },
    { label: "Upcoming maintenance", value: o.upcomingMaintenance, href: "/maintenance" },
  ];
  return (
    <>
      <PageHeader title={`Welcome, ${actor.name}`} description="Today across changes, incidents, maintenance and on-call." />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map((t) => (
          <Link key={t.label} href={t.href} className="block">
            <Card className="hover:border-slate-400">
              <p className="text-sm text-slate-600 dark:text-slate-400">{t.label}</p>
              <p className="mt-1 text-3xl font-semibold">{t.value}</p>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
