-- CreateEnum
CREATE TYPE "IntegrationKind" AS ENUM ('alertmanager', 'grafana', 'pagerduty', 'generic', 'heartbeat');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('firing', 'resolved');

-- AlterEnum
ALTER TYPE "Channel" ADD VALUE 'alertmanager_silence';

-- AlterTable
ALTER TABLE "Component" ADD COLUMN     "alertMatchers" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "alertGroupKey" TEXT,
ADD COLUMN     "integrationId" TEXT,
ADD COLUMN     "previousIncidentId" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'manual';

-- CreateTable
CREATE TABLE "Integration" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "IntegrationKind" NOT NULL,
    "defaultComponentIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "severityMap" JSONB NOT NULL DEFAULT '{}',
    "autoResolve" BOOLEAN NOT NULL DEFAULT true,
    "keyHash" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,
    "heartbeatIntervalSec" INTEGER,
    "lastPingAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Integration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "episode" TEXT NOT NULL,
    "status" "AlertStatus" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "labels" JSONB NOT NULL DEFAULT '{}',
    "annotations" JSONB NOT NULL DEFAULT '{}',
    "summary" TEXT NOT NULL,
    "generatorURL" TEXT,
    "externalURL" TEXT,
    "incidentId" TEXT,
    "suppressedByWindowId" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceSilence" (
    "windowId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "alertmanager" TEXT NOT NULL,
    "silenceId" TEXT,
    "expiredAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MaintenanceSilence_pkey" PRIMARY KEY ("windowId","componentId","alertmanager")
);

-- CreateIndex
CREATE UNIQUE INDEX "Integration_name_key" ON "Integration"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Integration_keyHash_key" ON "Integration"("keyHash");

-- CreateIndex
CREATE INDEX "Integration_kind_revokedAt_idx" ON "Integration"("kind", "revokedAt");

-- CreateIndex
CREATE INDEX "Alert_incidentId_idx" ON "Alert"("incidentId");

-- CreateIndex
CREATE INDEX "Alert_suppressedByWindowId_idx" ON "Alert"("suppressedByWindowId");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_integrationId_fingerprint_episode_key" ON "Alert"("integrationId", "fingerprint", "episode");

-- CreateIndex
CREATE INDEX "Incident_integrationId_alertGroupKey_idx" ON "Incident"("integrationId", "alertGroupKey");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_previousIncidentId_fkey" FOREIGN KEY ("previousIncidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_suppressedByWindowId_fkey" FOREIGN KEY ("suppressedByWindowId") REFERENCES "MaintenanceWindow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceSilence" ADD CONSTRAINT "MaintenanceSilence_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "MaintenanceWindow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
