-- CreateTable
CREATE TABLE "sequence_counter" (
    "name" TEXT NOT NULL,
    "value" BIGINT NOT NULL,

    CONSTRAINT "sequence_counter_pkey" PRIMARY KEY ("name")
);
