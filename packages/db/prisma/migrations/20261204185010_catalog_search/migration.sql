-- AlterTable
ALTER TABLE "app_version" ADD COLUMN     "search_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "search_summary" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '';

-- The catalog's search text, kept from each version's registration whoever writes it (the app registry, the
-- sandbox seed): lowercased and NFKC-normalised, so a query normalised the same way finds Chinese and
-- English words as substrings without reading the JSON of every version (written by hand; Prisma does not
-- model triggers).
CREATE FUNCTION "app_version_search_fields"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search_name" := lower(normalize(coalesce(NEW."details"->>'name', NEW."name", ''), NFKC));
  NEW."search_summary" := lower(normalize(
    coalesce(NEW."details"->>'summaryEn', '') || ' ' || coalesce(NEW."details"->>'summaryZh', ''), NFKC));
  NEW."search_text" := NEW."search_name" || ' ' || NEW."search_summary" || ' ' || lower(normalize(
    coalesce(NEW."details"->>'descriptionEn', '') || ' ' || coalesce(NEW."details"->>'descriptionZh', '') || ' ' ||
    coalesce(NEW."details"->>'categories', '') || ' ' || coalesce(NEW."details"->>'specialties', '') || ' ' ||
    coalesce(NEW."details"->>'launchTypes', ''), NFKC));
  RETURN NEW;
END $$;

CREATE TRIGGER "app_version_search_fields" BEFORE INSERT OR UPDATE OF "details", "name" ON "app_version"
  FOR EACH ROW EXECUTE FUNCTION "app_version_search_fields"();

UPDATE "app_version" SET "details" = "details";
