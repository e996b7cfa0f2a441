-- CreateIndex: the change list sorted by planned start (keyset with id tie-break) at 100k rows.
CREATE INDEX "ChangeRequest_plannedStart_id_idx" ON "ChangeRequest"("plannedStart", "id");
