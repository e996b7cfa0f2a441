-- A window edited after its notification needs a "Rescheduled" notice: remember that one was ever sent.
ALTER TABLE "MaintenanceWindow" ADD COLUMN "lastNotifiedAt" TIMESTAMP(3);
UPDATE "MaintenanceWindow" SET "lastNotifiedAt" = "notifiedAt" WHERE "notifiedAt" IS NOT NULL;
