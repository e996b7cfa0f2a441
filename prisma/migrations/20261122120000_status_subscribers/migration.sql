-- Public status page subscribers and background-job cursors.
CREATE TYPE "SubscriberKind" AS ENUM ('email', 'webhook');

CREATE TABLE "StatusSubscriber" (
    "id" TEXT NOT NULL,
    "kind" "SubscriberKind" NOT NULL,
    "target" TEXT NOT NULL,
    "componentIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "confirmTokenHash" TEXT,
    "unsubscribeToken" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "unsubscribedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "StatusSubscriber_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "StatusSubscriber_confirmTokenHash_key" ON "StatusSubscriber"("confirmTokenHash");
CREATE UNIQUE INDEX "StatusSubscriber_unsubscribeToken_key" ON "StatusSubscriber"("unsubscribeToken");
CREATE INDEX "StatusSubscriber_confirmedAt_idx" ON "StatusSubscriber"("confirmedAt");
CREATE UNIQUE INDEX "StatusSubscriber_kind_target_key" ON "StatusSubscriber"("kind", "target");

CREATE TABLE "JobCursor" (
    "name" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "JobCursor_pkey" PRIMARY KEY ("name")
);
