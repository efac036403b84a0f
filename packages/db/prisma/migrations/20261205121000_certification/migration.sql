-- CreateEnum
CREATE TYPE "certification_status" AS ENUM ('queued', 'running', 'passed', 'failed');

-- CreateTable
CREATE TABLE "sandbox_observation" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "client_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "interaction_id" TEXT,
    "code_digest" TEXT,
    "authorization_id" BIGINT,
    "success" BOOLEAN,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "sandbox_observation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certification_run" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "certification_status" NOT NULL DEFAULT 'queued',
    "checks" JSONB NOT NULL DEFAULT '[]',
    "progress" TEXT,
    "started_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "certification_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sandbox_observation_client_id_at_idx" ON "sandbox_observation"("client_id", "at");

-- CreateIndex
CREATE INDEX "sandbox_observation_interaction_id_idx" ON "sandbox_observation"("interaction_id");

-- CreateIndex
CREATE INDEX "sandbox_observation_code_digest_idx" ON "sandbox_observation"("code_digest");

-- CreateIndex
CREATE INDEX "certification_run_app_id_version_created_at_idx" ON "certification_run"("app_id", "version", "created_at");

-- CreateIndex
CREATE INDEX "certification_run_status_idx" ON "certification_run"("status");

-- AddForeignKey
ALTER TABLE "certification_run" ADD CONSTRAINT "certification_run_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certification_run" ADD CONSTRAINT "certification_run_started_by_id_fkey" FOREIGN KEY ("started_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
