-- DropForeignKey
ALTER TABLE "sign_in_failure" DROP CONSTRAINT "sign_in_failure_user_id_fkey";

-- DropTable
DROP TABLE "sign_in_failure";

-- CreateTable
CREATE TABLE "sign_in_throttle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sign_in_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "sign_in_known_address" (
    "user_id" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sign_in_known_address_pkey" PRIMARY KEY ("user_id","address")
);

-- CreateIndex
CREATE INDEX "sign_in_throttle_updated_at_idx" ON "sign_in_throttle"("updated_at");

-- AddForeignKey
ALTER TABLE "sign_in_known_address" ADD CONSTRAINT "sign_in_known_address_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
