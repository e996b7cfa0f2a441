-- AlterTable
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- Every path that changes who a user is or may be (admin UI, scripts, plain SQL) ends their sessions:
-- a change of role, active or passwordHash bumps sessionVersion, which each request compares with its cookie's.
CREATE FUNCTION "user_session_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."role" IS DISTINCT FROM OLD."role" OR NEW."active" IS DISTINCT FROM OLD."active" OR NEW."passwordHash" IS DISTINCT FROM OLD."passwordHash" THEN
    NEW."sessionVersion" := GREATEST(NEW."sessionVersion", OLD."sessionVersion" + 1);
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "user_session_version_bump" BEFORE UPDATE ON "User" FOR EACH ROW EXECUTE FUNCTION "user_session_version_bump"();
