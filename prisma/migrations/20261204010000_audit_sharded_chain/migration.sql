-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "seq" BIGINT,
ADD COLUMN     "shard" INTEGER;

-- CreateIndex
CREATE INDEX "AuditLog_shard_id_idx" ON "AuditLog"("shard", "id");

-- Issue 11, hole 5: the audit log is many HMAC chains instead of one SHA-256 chain behind one global
-- lock (lib/audit). A writer claims a shard for its transaction: the first free one from `start`
-- (pg_try_advisory_xact_lock, never waits while a shard is free), or `preferred` when this transaction
-- already holds one. Then, in a statement after the lock (a fresh snapshot), it reads the shard's last
-- row and takes the new row's id, so ids grow along each chain. Hand-written: see lib/audit/index.ts.
CREATE FUNCTION "audit_claim_shard"(preferred integer, start integer, shards integer)
RETURNS TABLE(claimed_shard integer, audit_id bigint, prev_hash text, prev_seq bigint)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  s integer := NULL;
BEGIN
  IF preferred IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(72707371, preferred);
    s := preferred;
  ELSE
    FOR i IN 0 .. shards - 1 LOOP
      IF pg_try_advisory_xact_lock(72707371, (start + i) % shards) THEN
        s := (start + i) % shards;
        EXIT;
      END IF;
    END LOOP;
    IF s IS NULL THEN
      s := start % shards;
      PERFORM pg_advisory_xact_lock(72707371, s);
    END IF;
  END IF;
  RETURN QUERY
    SELECT s, nextval(pg_get_serial_sequence('"AuditLog"', 'id')), p."hash", p."seq"
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT a."hash", a."seq" FROM "AuditLog" a WHERE a."shard" = s ORDER BY a."id" DESC LIMIT 1
    ) AS p ON true;
END
$$;
