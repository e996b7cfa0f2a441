-- Level 3 pages the on-call of each distinct owner role of the incident's
-- components, so a page is unique per incident, level AND role.
DROP INDEX "EscalationPage_incidentId_level_key";

CREATE UNIQUE INDEX "EscalationPage_incidentId_level_role_key" ON "EscalationPage"("incidentId", "level", "role");
