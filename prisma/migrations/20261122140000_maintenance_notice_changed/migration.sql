-- notifiedAt is never cleared (gates and the status page read it); an edit after notifying is marked instead.
ALTER TABLE "MaintenanceWindow" DROP COLUMN "lastNotifiedAt";
ALTER TABLE "MaintenanceWindow" ADD COLUMN "noticeChangedAt" TIMESTAMP(3);
