-- Up Migration

-- Custom formats an admin saved by name (see LogFormatRepository).
CREATE TABLE log_formats (
  name            text PRIMARY KEY,
  pattern         text NOT NULL,
  time_format     text,
  unmatched_lines text NOT NULL,
  saved_at        timestamptz NOT NULL,
  saved_by        uuid NOT NULL
);

-- The custom format a job reads its file with, copied when the job was created: a later edit
-- of a saved format does not change how an existing job reads. Null for the built-in formats.
ALTER TABLE file_uploads ADD COLUMN custom_format jsonb;

-- Down Migration

ALTER TABLE file_uploads DROP COLUMN custom_format;
DROP TABLE log_formats;
