-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "templateId" TEXT;

-- CreateTable
CREATE TABLE "ComponentDependency" (
    "componentId" TEXT NOT NULL,
    "dependsOnId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComponentDependency_pkey" PRIMARY KEY ("componentId","dependsOnId")
);

-- CreateTable
CREATE TABLE "ChangeTemplate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "ChangeType" NOT NULL,
    "description" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "riskAssessment" TEXT NOT NULL,
    "rollbackPlan" TEXT NOT NULL,
    "monitoring" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "approvedById" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChangeTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeTemplateComponent" (
    "templateId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,

    CONSTRAINT "ChangeTemplateComponent_pkey" PRIMARY KEY ("templateId","componentId")
);

-- CreateIndex
CREATE INDEX "ComponentDependency_dependsOnId_idx" ON "ComponentDependency"("dependsOnId");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeTemplate_name_key" ON "ChangeTemplate"("name");

-- CreateIndex
CREATE INDEX "ChangeTemplateComponent_componentId_idx" ON "ChangeTemplateComponent"("componentId");

-- AddForeignKey
ALTER TABLE "ComponentDependency" ADD CONSTRAINT "ComponentDependency_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComponentDependency" ADD CONSTRAINT "ComponentDependency_dependsOnId_fkey" FOREIGN KEY ("dependsOnId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeTemplate" ADD CONSTRAINT "ChangeTemplate_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeTemplateComponent" ADD CONSTRAINT "ChangeTemplateComponent_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ChangeTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeTemplateComponent" ADD CONSTRAINT "ChangeTemplateComponent_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ChangeTemplate"("id") ON DELETE SET NULL ON UPDATE CASCADE;
