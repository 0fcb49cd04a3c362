-- Up Migration

-- Bumped by every update: a writer that read version n writes only while it is still n
-- (optimistic concurrency; see PgJobRepository.update).
ALTER TABLE jobs ADD COLUMN version bigint NOT NULL DEFAULT 0;

-- Down Migration

ALTER TABLE jobs DROP COLUMN version;
