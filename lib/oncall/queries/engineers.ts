import "server-only";
import { SYSTEM_USER_EMAILS } from "@/lib/auth/system-actor";
import { rolesWith } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { userSelect } from "@/lib/oncall/queries/rotations";

/** Active engineers (everyone who may be on call), for member and override pickers. */
export function listEngineers() {
  return db.user.findMany({ where: { active: true, role: { in: rolesWith("oncall.serve") }, email: { notIn: SYSTEM_USER_EMAILS } }, orderBy: [{ role: "asc" }, { name: "asc" }], select: userSelect });
}
