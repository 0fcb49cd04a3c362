-- Up Migration

-- What `auto` picked for a file, and how its text events start (a TextDialect), when known.
ALTER TABLE job_results ADD COLUMN detected_format text, ADD COLUMN dialect jsonb;

-- Down Migration

ALTER TABLE job_results DROP COLUMN detected_format, DROP COLUMN dialect;
