-- AlterTable
ALTER TABLE "portal_session" ADD COLUMN     "fhir_access" TEXT,
ADD COLUMN     "fhir_access_expires_at" TIMESTAMPTZ(3);
