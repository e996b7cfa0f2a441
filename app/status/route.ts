import { publicGet, publicOptions } from "@/lib/status/public-routes";

/** Public, read-only; rendered on demand here, normally served from the front server's snapshot (lib/status/front-server.ts). */
export const dynamic = "force-dynamic";
export const GET = publicGet;
export const OPTIONS = publicOptions;
