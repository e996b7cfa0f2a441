-- Issue 13: escalation policy as data, contact methods and notification rules, single-use signed acknowledge links.
-- EscalationPage gains targetKey (default ''): the old release inserts '' and stays unique per (incident, level, role).

-- CreateEnum
CREATE TYPE "ContactKind" AS ENUM ('email', 'slack', 'ntfy', 'webhook');

-- AlterEnum
ALTER TYPE "Channel" ADD VALUE 'ntfy';


-- AlterTable
ALTER TABLE "EscalationPage" ADD COLUMN     "targetKey" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "EscalationPolicyConfig" (
    "id" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EscalationPolicyConfig_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactMethod" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "ContactKind" NOT NULL,
    "label" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactMethod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationRule" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "contactMethodId" TEXT NOT NULL,
    "delayMinutes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AckLinkUse" (
    "nonce" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AckLinkUse_pkey" PRIMARY KEY ("nonce")
);

-- CreateIndex
CREATE INDEX "ContactMethod_userId_idx" ON "ContactMethod"("userId");

-- CreateIndex
CREATE INDEX "NotificationRule_userId_idx" ON "NotificationRule"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationRule_contactMethodId_delayMinutes_key" ON "NotificationRule"("contactMethodId", "delayMinutes");

-- CreateIndex
CREATE INDEX "AckLinkUse_incidentId_idx" ON "AckLinkUse"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationPage_incidentId_level_role_targetKey_key" ON "EscalationPage"("incidentId", "level", "role", "targetKey");

-- AddForeignKey
ALTER TABLE "ContactMethod" ADD CONSTRAINT "ContactMethod_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationRule" ADD CONSTRAINT "NotificationRule_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationRule" ADD CONSTRAINT "NotificationRule_contactMethodId_fkey" FOREIGN KEY ("contactMethodId") REFERENCES "ContactMethod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The new unique key exists before the old one goes: uniqueness holds throughout.
DROP INDEX "EscalationPage_incidentId_level_role_key";
