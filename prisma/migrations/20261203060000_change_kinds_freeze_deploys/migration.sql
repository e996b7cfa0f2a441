-- CreateEnum
CREATE TYPE "ChangeKind" AS ENUM ('Standard', 'Normal', 'Emergency');

-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "emergencyIncidentId" TEXT,
ADD COLUMN     "freezeOverrideReason" TEXT,
ADD COLUMN     "kind" "ChangeKind" NOT NULL DEFAULT 'Normal',
ADD COLUMN     "startedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "FreezePeriod" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "end" TIMESTAMP(3) NOT NULL,
    "componentGroup" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FreezePeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeployRecord" (
    "id" TEXT NOT NULL,
    "changeId" TEXT,
    "componentId" TEXT,
    "source" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "summary" TEXT,
    "pipelineUrl" TEXT,
    "commit" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeployRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FreezePeriod_start_end_idx" ON "FreezePeriod"("start", "end");

-- CreateIndex
CREATE INDEX "DeployRecord_changeId_at_idx" ON "DeployRecord"("changeId", "at");

-- CreateIndex
CREATE INDEX "DeployRecord_componentId_at_idx" ON "DeployRecord"("componentId", "at");

-- CreateIndex
CREATE INDEX "DeployRecord_at_idx" ON "DeployRecord"("at");

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_emergencyIncidentId_fkey" FOREIGN KEY ("emergencyIncidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeployRecord" ADD CONSTRAINT "DeployRecord_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeployRecord" ADD CONSTRAINT "DeployRecord_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE SET NULL ON UPDATE CASCADE;
