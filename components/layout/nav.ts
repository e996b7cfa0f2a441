export type NavItem = { href: string; label: string };

/** The dashboard's navigation (one list; sidebar and mobile menu render it). */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/changes", label: "Changes" },
  { href: "/incidents", label: "Incidents" },
  { href: "/maintenance", label: "Maintenance" },
  { href: "/calendar", label: "Calendar" },
  { href: "/oncall", label: "On-call" },
  { href: "/components", label: "Components" },
  { href: "/kpis", label: "KPIs" },
  { href: "/status", label: "Status page" },
  { href: "/settings", label: "Settings" },
];
