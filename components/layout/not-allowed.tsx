import { Card, PageHeader } from "@/components/ui/card";

/** What a page shows a signed-in user whose role may not use it (the server refused; nothing was loaded). */
export function NotAllowed({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <PageHeader title={title} />
      <Card role="alert">{children}</Card>
    </>
  );
}
