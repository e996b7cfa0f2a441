import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

/*
 * Driver adapter for the Prisma CLI's JS schema engine (migrate diff/status/deploy).
 * Three fixes over @prisma/adapter-pg 6.19, all for the CLI only (the app never loads this):
 *  1. catalog columns of type `name` (19) / `char` (18) cannot be deserialized
 *     (prisma/orm#27403): report them as text (25);
 *  2. executeScript splits on every `;`, breaking PL/pgSQL bodies: run the script whole
 *     (the simple query protocol accepts many statements);
 *  3. connectToShadowDb reuses the main database (connectionString wins over `database`)
 *     and drops it before closing its pool: use a real throwaway database instead.
 */
type AddFields = (fields: pg.FieldDef[]) => void;
const proto = pg.Result.prototype as unknown as { addFields: AddFields; __opsgateShim?: boolean };
if (!proto.__opsgateShim) {
  const original = proto.addFields;
  proto.addFields = function (this: unknown, fields: pg.FieldDef[]) {
    for (const f of fields) if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = 25;
    return original.call(this, fields);
  };
  proto.__opsgateShim = true;
}

type ScriptRunner = { client: pg.Pool; onError(e: unknown): never; executeScript(s: string): Promise<void> };

function wholeScripts<T extends object>(adapter: T): T {
  const p = Object.getPrototypeOf(adapter) as ScriptRunner & { __opsgateWhole?: boolean };
  if (!p.__opsgateWhole) {
    p.executeScript = async function (this: ScriptRunner, script: string) {
      try {
        await this.client.query(script);
      } catch (error) {
        this.onError(error);
      }
    };
    p.__opsgateWhole = true;
  }
  return adapter;
}

class CliPg extends PrismaPg {
  constructor(private readonly url: string) {
    super({ connectionString: url });
  }
  override async connect() {
    return wholeScripts(await super.connect());
  }
  override async connectToShadowDb() {
    const name = `opsgate_shadow_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: this.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const shadowUrl = new URL(this.url);
    shadowUrl.pathname = `/${name}`;
    const adapter = wholeScripts(await new PrismaPg({ connectionString: shadowUrl.toString() }).connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
    return adapter;
  }
}

export async function migrationAdapter() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return new CliPg(url);
}
