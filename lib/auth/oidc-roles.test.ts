import { describe, expect, it } from "vitest";
import { parseRoleMap, roleFromClaims } from "./oidc-roles";

const map = parseRoleMap("ops-admins:ARCHITECT, sre:SRE,dba:dba,net:ops:NETWORK");
const opts = { roleClaim: "opsgate_role", groupsClaim: "groups", map, fallback: "VIEWER" as const };

describe("OIDC_ROLE_MAP", () => {
  it("parses group:ROLE pairs, roles case-insensitive, the role after the last colon", () => {
    expect(map).toEqual([
      ["ops-admins", "ARCHITECT"],
      ["sre", "SRE"],
      ["dba", "DBA"],
      ["net:ops", "NETWORK"],
    ]);
    expect(parseRoleMap(undefined)).toEqual([]);
    expect(parseRoleMap("  ")).toEqual([]);
  });

  it("refuses unknown roles and pairs without a role", () => {
    expect(() => parseRoleMap("ops:ROOT")).toThrow(/unknown role/);
    expect(() => parseRoleMap("ops")).toThrow(/group:ROLE/);
  });

  it("the single role claim wins when it names a role", () => {
    expect(roleFromClaims({ opsgate_role: "DBA", groups: ["ops-admins"] }, opts)).toBe("DBA");
  });

  it("otherwise the highest mapped group role, from an array or a space/comma separated string", () => {
    expect(roleFromClaims({ groups: ["sre", "ops-admins"] }, opts)).toBe("ARCHITECT");
    expect(roleFromClaims({ groups: ["sre"] }, opts)).toBe("SRE");
    expect(roleFromClaims({ groups: "misc sre" }, opts)).toBe("SRE");
    expect(roleFromClaims({ opsgate_role: "root", groups: ["dba"] }, opts)).toBe("DBA");
  });

  it("falls back to the default without a matching group", () => {
    expect(roleFromClaims({ groups: ["marketing"] }, opts)).toBe("VIEWER");
    expect(roleFromClaims({}, opts)).toBe("VIEWER");
    expect(roleFromClaims({ groups: ["SRE"] }, opts)).toBe("VIEWER"); // group names are exact
  });
});
