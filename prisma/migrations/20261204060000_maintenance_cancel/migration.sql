-- AlterTable
ALTER TABLE "MaintenanceWindow" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3);
