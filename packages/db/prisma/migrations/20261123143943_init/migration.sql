-- CreateEnum
CREATE TYPE "organization_kind" AS ENUM ('hospital', 'payer', 'laboratory', 'vendor');

-- CreateEnum
CREATE TYPE "role" AS ENUM ('clinician', 'patient', 'developer', 'admin', 'reviewer');

-- CreateEnum
CREATE TYPE "review_status" AS ENUM ('draft', 'pending', 'approved', 'rejected', 'suspended');

-- CreateTable
CREATE TABLE "organization" (
    "id" UUID NOT NULL,
    "kind" "organization_kind" NOT NULL,
    "nhi_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "fhir_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "email" TEXT,
    "password_hash" TEXT NOT NULL,
    "roles" "role"[],
    "organization_id" UUID,
    "fhir_user" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh-TW',
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_failure" (
    "id" BIGSERIAL NOT NULL,
    "user_id" UUID,
    "username" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_failure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "developer_id" UUID NOT NULL,
    "organization_id" UUID,
    "status" "review_status" NOT NULL DEFAULT 'draft',
    "listed" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_version" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "translations" JSONB NOT NULL DEFAULT '{}',
    "homepage_url" TEXT,
    "logo_url" TEXT,
    "launch_url" TEXT,
    "redirect_uris" TEXT[],
    "scopes" TEXT NOT NULL,
    "launch_types" TEXT[],
    "status" "review_status" NOT NULL DEFAULT 'draft',
    "review_note" TEXT,
    "reviewer_id" UUID,
    "submitted_at" TIMESTAMPTZ(3),
    "reviewed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oauth_client" (
    "client_id" TEXT NOT NULL,
    "app_id" UUID,
    "organization_id" UUID,
    "metadata" JSONB NOT NULL,
    "allowed_scopes" TEXT NOT NULL,
    "review_status" "review_status" NOT NULL DEFAULT 'pending',
    "status_reason" TEXT,
    "secret_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "oauth_client_pkey" PRIMARY KEY ("client_id")
);

-- CreateTable
CREATE TABLE "oidc_payload" (
    "model" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "grant_id" TEXT,
    "uid" TEXT,
    "user_code" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "consumed_at" TIMESTAMPTZ(3),

    CONSTRAINT "oidc_payload_pkey" PRIMARY KEY ("model","id")
);

-- CreateTable
CREATE TABLE "client_assertion_jti" (
    "client_id" TEXT NOT NULL,
    "jti" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "client_assertion_jti_pkey" PRIMARY KEY ("client_id","jti")
);

-- CreateTable
CREATE TABLE "signing_key" (
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "use" TEXT NOT NULL DEFAULT 'sig',
    "private_jwk" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "signing_key_pkey" PRIMARY KEY ("kid")
);

-- CreateTable
CREATE TABLE "launch_context" (
    "id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "patient" TEXT,
    "encounter" TEXT,
    "intent" TEXT,
    "extra" JSONB NOT NULL DEFAULT '{}',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "consumed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "launch_context_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fhir_resource" (
    "resource_type" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "version_id" INTEGER NOT NULL,
    "last_updated" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "content" JSONB NOT NULL,
    "owner_organization" UUID,
    "patient_id" TEXT,

    CONSTRAINT "fhir_resource_pkey" PRIMARY KEY ("resource_type","id")
);

-- CreateTable
CREATE TABLE "fhir_resource_version" (
    "resource_type" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "version_id" INTEGER NOT NULL,
    "last_updated" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "method" TEXT NOT NULL,
    "content" JSONB NOT NULL,

    CONSTRAINT "fhir_resource_version_pkey" PRIMARY KEY ("resource_type","id","version_id")
);

-- CreateTable
CREATE TABLE "search_token" (
    "id" BIGSERIAL NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "param" TEXT NOT NULL,
    "system" TEXT,
    "code" TEXT,
    "text" TEXT,

    CONSTRAINT "search_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_string" (
    "id" BIGSERIAL NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "param" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "search_string_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_date" (
    "id" BIGSERIAL NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "param" TEXT NOT NULL,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "end" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "search_date_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_reference" (
    "id" BIGSERIAL NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "param" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,

    CONSTRAINT "search_reference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_number" (
    "id" BIGSERIAL NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "param" TEXT NOT NULL,
    "value" DECIMAL(20,6) NOT NULL,
    "system" TEXT,
    "code" TEXT,

    CONSTRAINT "search_number_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "recorded" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "subtype" TEXT NOT NULL,
    "outcome" INTEGER NOT NULL,
    "outcome_desc" TEXT,
    "request_id" TEXT,
    "client_id" TEXT,
    "user_id" TEXT,
    "organization_id" TEXT,
    "source_address" TEXT,
    "resource_type" TEXT,
    "resource_id" TEXT,
    "query" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organization_nhi_code_key" ON "organization"("nhi_code");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "sign_in_failure_username_at_idx" ON "sign_in_failure"("username", "at");

-- CreateIndex
CREATE INDEX "sign_in_failure_address_at_idx" ON "sign_in_failure"("address", "at");

-- CreateIndex
CREATE UNIQUE INDEX "app_slug_key" ON "app"("slug");

-- CreateIndex
CREATE INDEX "app_developer_id_idx" ON "app"("developer_id");

-- CreateIndex
CREATE INDEX "app_status_idx" ON "app"("status");

-- CreateIndex
CREATE INDEX "app_version_status_idx" ON "app_version"("status");

-- CreateIndex
CREATE UNIQUE INDEX "app_version_app_id_version_key" ON "app_version"("app_id", "version");

-- CreateIndex
CREATE INDEX "oauth_client_review_status_idx" ON "oauth_client"("review_status");

-- CreateIndex
CREATE INDEX "oauth_client_organization_id_idx" ON "oauth_client"("organization_id");

-- CreateIndex
CREATE INDEX "oidc_payload_grant_id_idx" ON "oidc_payload"("grant_id");

-- CreateIndex
CREATE INDEX "oidc_payload_uid_idx" ON "oidc_payload"("uid");

-- CreateIndex
CREATE INDEX "oidc_payload_user_code_idx" ON "oidc_payload"("user_code");

-- CreateIndex
CREATE INDEX "oidc_payload_expires_at_idx" ON "oidc_payload"("expires_at");

-- CreateIndex
CREATE INDEX "client_assertion_jti_expires_at_idx" ON "client_assertion_jti"("expires_at");

-- CreateIndex
CREATE INDEX "launch_context_expires_at_idx" ON "launch_context"("expires_at");

-- CreateIndex
CREATE INDEX "fhir_resource_resource_type_last_updated_idx" ON "fhir_resource"("resource_type", "last_updated");

-- CreateIndex
CREATE INDEX "fhir_resource_resource_type_owner_organization_last_updated_idx" ON "fhir_resource"("resource_type", "owner_organization", "last_updated");

-- CreateIndex
CREATE INDEX "fhir_resource_patient_id_idx" ON "fhir_resource"("patient_id");

-- CreateIndex
CREATE INDEX "fhir_resource_version_resource_type_last_updated_idx" ON "fhir_resource_version"("resource_type", "last_updated");

-- CreateIndex
CREATE INDEX "search_token_resource_type_param_code_system_idx" ON "search_token"("resource_type", "param", "code", "system");

-- CreateIndex
CREATE INDEX "search_token_resource_type_resource_id_idx" ON "search_token"("resource_type", "resource_id");

-- CreateIndex
CREATE INDEX "search_string_resource_type_param_value_idx" ON "search_string"("resource_type", "param", "value");

-- CreateIndex
CREATE INDEX "search_string_resource_type_resource_id_idx" ON "search_string"("resource_type", "resource_id");

-- CreateIndex
CREATE INDEX "search_date_resource_type_param_start_idx" ON "search_date"("resource_type", "param", "start");

-- CreateIndex
CREATE INDEX "search_date_resource_type_resource_id_idx" ON "search_date"("resource_type", "resource_id");

-- CreateIndex
CREATE INDEX "search_reference_resource_type_param_target_type_target_id_idx" ON "search_reference"("resource_type", "param", "target_type", "target_id");

-- CreateIndex
CREATE INDEX "search_reference_target_type_target_id_idx" ON "search_reference"("target_type", "target_id");

-- CreateIndex
CREATE INDEX "search_reference_resource_type_resource_id_idx" ON "search_reference"("resource_type", "resource_id");

-- CreateIndex
CREATE INDEX "search_number_resource_type_param_value_idx" ON "search_number"("resource_type", "param", "value");

-- CreateIndex
CREATE INDEX "search_number_resource_type_resource_id_idx" ON "search_number"("resource_type", "resource_id");

-- CreateIndex
CREATE INDEX "audit_event_recorded_idx" ON "audit_event"("recorded");

-- CreateIndex
CREATE INDEX "audit_event_resource_type_resource_id_idx" ON "audit_event"("resource_type", "resource_id");

-- CreateIndex
CREATE INDEX "audit_event_client_id_recorded_idx" ON "audit_event"("client_id", "recorded");

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sign_in_failure" ADD CONSTRAINT "sign_in_failure_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app" ADD CONSTRAINT "app_developer_id_fkey" FOREIGN KEY ("developer_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app" ADD CONSTRAINT "app_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_version" ADD CONSTRAINT "app_version_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_version" ADD CONSTRAINT "app_version_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_client" ADD CONSTRAINT "oauth_client_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_client" ADD CONSTRAINT "oauth_client_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fhir_resource_version" ADD CONSTRAINT "fhir_resource_version_resource_type_id_fkey" FOREIGN KEY ("resource_type", "id") REFERENCES "fhir_resource"("resource_type", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Audit trail is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks (written by hand; Prisma does not model triggers).
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_event_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
