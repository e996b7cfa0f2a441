import { describe, expect, it } from "vitest";
import { checkpointMatches, createChainVerifier, legacyHash, parseCheckpoint, rowMac, signCheckpoint, type ChainRow } from "./chain";

const key = Buffer.from("unit-test-audit-key-unit-test-audit-key");
const content = (i: number) => ({ at: new Date(Date.UTC(2026, 11, 4, 1, 0, i)), actorId: null, actorLabel: "system:test", action: "test.did", entity: "Test", entityId: `e${i}`, data: { i } });

/** n rows spread over `shards` chains, ids ascending, as lib/audit/index.ts writes them. */
function rows(n: number, shards = 3, k = key, firstId = 1): ChainRow[] {
  const heads = new Map<number, { seq: bigint; hash: string }>();
  return Array.from({ length: n }, (_, i) => {
    const shard = i % shards;
    const head = heads.get(shard);
    const row = { ...content(i), id: BigInt(i + firstId), shard, seq: (head?.seq ?? 0n) + 1n, prevHash: head?.hash ?? "" };
    const hash = rowMac(k, row);
    heads.set(shard, { seq: row.seq, hash });
    return { ...row, hash };
  });
}

const verify = (rs: ChainRow[], k = key) => {
  const v = createChainVerifier(k);
  for (const r of rs) {
    const reason = v.push(r);
    if (reason) return { id: r.id, reason };
  }
  return null;
};

describe("audit chains (HMAC)", () => {
  it("accepts the rows as written, refuses them under another key", () => {
    expect(verify(rows(20))).toBeNull();
    expect(verify(rows(20), Buffer.from("some-other-key-some-other-key-some"))).toMatchObject({ id: 1n, reason: expect.stringMatching(/HMAC/) });
  });

  it("catches an edited, a removed and a reordered row", () => {
    const edited = rows(10);
    edited[4] = { ...edited[4], action: "test.forged" };
    expect(verify(edited)).toMatchObject({ id: 5n });
    const removed = rows(10).filter((r) => r.id !== 4n);
    expect(verify(removed)).toMatchObject({ id: 7n, reason: expect.stringMatching(/expected #2/) });
    const swapped = rows(10);
    [swapped[3], swapped[6]] = [swapped[6], swapped[3]];
    expect(verify(swapped)).not.toBeNull();
  });

  it("refuses unkeyed rows once the HMAC chains began (a downgrade re-chain)", () => {
    const legacy = { ...content(0), id: 1n, shard: null, seq: null, prevHash: "0".repeat(64) };
    const first: ChainRow = { ...legacy, hash: legacyHash(legacy.prevHash, legacy) };
    expect(verify([first, ...rows(3, 3, key, 2)])).toBeNull();
    const later = { ...content(9), id: 99n, shard: null, seq: null, prevHash: first.hash };
    expect(verify([first, ...rows(3, 3, key, 2), { ...later, hash: legacyHash(later.prevHash, later) }])).toMatchObject({ id: 99n, reason: expect.stringMatching(/unkeyed/) });
  });

  it("checkpoints: signed over the heads' hashes, parsed from the file or a log line", () => {
    const rs = rows(9);
    const heads = [0, 1, 2].map((shard) => {
      const last = rs.filter((r) => r.shard === shard).at(-1)!;
      return { shard, seq: last.seq!, id: last.id, hash: last.hash };
    });
    const cp = signCheckpoint(key, new Date("2026-12-04T01:00:00Z"), heads, null);
    expect(cp).toMatchObject({ rows: 9, heads: [[0, 3, "7"], [1, 3, "8"], [2, 3, "9"]] });
    expect(JSON.stringify(cp)).not.toContain(heads[0].hash); // the hashes are inside the signature only
    expect(checkpointMatches(key, cp, heads, null)).toBe(true);
    expect(checkpointMatches(key, cp, [{ ...heads[0], hash: "0".repeat(64) }, heads[1], heads[2]], null)).toBe(false);
    expect(checkpointMatches(Buffer.from("x".repeat(40)), cp, heads, null)).toBe(false);
    expect(checkpointMatches(key, { ...cp, at: "2026-12-05T00:00:00.000Z" }, heads, null)).toBe(false);
    const logLines = `{"level":30,"msg":"other"}\n${JSON.stringify({ level: 30, auditCheckpoint: cp, msg: "audit checkpoint" })}\nnot json\n`;
    expect(parseCheckpoint(logLines)).toEqual(cp);
    expect(parseCheckpoint(JSON.stringify(cp))).toEqual(cp);
    expect(() => parseCheckpoint("{}")).toThrow(/not an audit checkpoint/);
  });
});
