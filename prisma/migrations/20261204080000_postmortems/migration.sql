-- CreateEnum
CREATE TYPE "PostmortemStatus" AS ENUM ('Draft', 'InReview', 'Published');

-- CreateEnum
CREATE TYPE "FollowUpStatus" AS ENUM ('Open', 'Done');

-- CreateTable
CREATE TABLE "Postmortem" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "status" "PostmortemStatus" NOT NULL DEFAULT 'Draft',
    "required" BOOLEAN NOT NULL DEFAULT true,
    "ownerId" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "impact" TEXT NOT NULL DEFAULT '',
    "rootCause" TEXT NOT NULL DEFAULT '',
    "wentWell" TEXT NOT NULL DEFAULT '',
    "wentWrong" TEXT NOT NULL DEFAULT '',
    "publishedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Postmortem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostmortemAction" (
    "id" TEXT NOT NULL,
    "postmortemId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT,
    "dueAt" TIMESTAMP(3),
    "status" "FollowUpStatus" NOT NULL DEFAULT 'Open',
    "changeId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PostmortemAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Postmortem_incidentId_key" ON "Postmortem"("incidentId");

-- CreateIndex
CREATE INDEX "Postmortem_status_dueAt_idx" ON "Postmortem"("status", "dueAt");

-- CreateIndex
CREATE INDEX "PostmortemAction_postmortemId_idx" ON "PostmortemAction"("postmortemId");

-- CreateIndex
CREATE INDEX "PostmortemAction_status_dueAt_idx" ON "PostmortemAction"("status", "dueAt");

-- AddForeignKey
ALTER TABLE "Postmortem" ADD CONSTRAINT "Postmortem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Postmortem" ADD CONSTRAINT "Postmortem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemAction" ADD CONSTRAINT "PostmortemAction_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemAction" ADD CONSTRAINT "PostmortemAction_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemAction" ADD CONSTRAINT "PostmortemAction_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;
