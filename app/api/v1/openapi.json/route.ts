import { buildOpenApiDocument } from "@/lib/http/openapi";

export const dynamic = "force-dynamic";

/** OpenAPI 3.1 generated from the zod schemas (public: it describes, it exposes no data). */
export async function GET() {
  return Response.json(await buildOpenApiDocument("/api/v1"));
}
