-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "filedByTokenId" TEXT;

-- AlterTable
ALTER TABLE "Component" ADD COLUMN     "iacManaged" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "iacRepository" TEXT;

-- CreateTable
CREATE TABLE "CostEntry" (
    "id" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CostEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CostEntry_month_idx" ON "CostEntry"("month");

-- CreateIndex
CREATE UNIQUE INDEX "CostEntry_group_month_key" ON "CostEntry"("group", "month");

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_filedByTokenId_fkey" FOREIGN KEY ("filedByTokenId") REFERENCES "ApiToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostEntry" ADD CONSTRAINT "CostEntry_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
