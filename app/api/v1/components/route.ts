import { createComponent } from "@/lib/components/create-component";
import { listComponents } from "@/lib/components/queries";
import { paginationSchema } from "@/lib/http/pagination";
import { apiRoute, readJson, readQuery } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ req }) => listComponents(readQuery(req, paginationSchema)));

export const POST = apiRoute(async ({ req, actor }) => createComponent({ actor, input: await readJson(req) }), { permission: "components.create", status: 201 });
