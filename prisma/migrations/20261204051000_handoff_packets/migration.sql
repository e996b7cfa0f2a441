-- CreateTable
CREATE TABLE "HandoffPacket" (
    "id" TEXT NOT NULL,
    "rotationId" TEXT NOT NULL,
    "handoffAt" TIMESTAMP(3) NOT NULL,
    "nextHandoffAt" TIMESTAMP(3) NOT NULL,
    "incomingId" TEXT NOT NULL,
    "outgoingId" TEXT,
    "content" JSONB NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "reminderSentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HandoffPacket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HandoffPacket_incomingId_acknowledgedAt_idx" ON "HandoffPacket"("incomingId", "acknowledgedAt");

-- CreateIndex
CREATE INDEX "HandoffPacket_acknowledgedAt_reminderSentAt_handoffAt_idx" ON "HandoffPacket"("acknowledgedAt", "reminderSentAt", "handoffAt");

-- CreateIndex
CREATE UNIQUE INDEX "HandoffPacket_rotationId_handoffAt_key" ON "HandoffPacket"("rotationId", "handoffAt");

-- AddForeignKey
ALTER TABLE "HandoffPacket" ADD CONSTRAINT "HandoffPacket_rotationId_fkey" FOREIGN KEY ("rotationId") REFERENCES "Rotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoffPacket" ADD CONSTRAINT "HandoffPacket_incomingId_fkey" FOREIGN KEY ("incomingId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoffPacket" ADD CONSTRAINT "HandoffPacket_outgoingId_fkey" FOREIGN KEY ("outgoingId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
