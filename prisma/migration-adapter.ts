import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

// adapter-pg 6.19 + the WASM schema engine cannot deserialize catalog columns
// of type `name` (19) / `char` (18) (prisma/orm#27403). Report them as text
// (25) so `migrate deploy|status` work; only the CLI loads this shim.
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

export async function migrationAdapter() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (use `npm run db:migrate`, which sets it for the embedded database)");
  return new PrismaPg({ connectionString: url });
}
