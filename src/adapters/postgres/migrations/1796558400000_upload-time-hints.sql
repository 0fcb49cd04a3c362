-- Up Migration

-- What an upload says about the times its file writes incompletely: the IANA zone of times
-- written without an offset, the year of dates written without one. NULL: not given.
ALTER TABLE file_uploads ADD COLUMN time_zone text, ADD COLUMN year integer;

-- Down Migration

ALTER TABLE file_uploads DROP COLUMN time_zone, DROP COLUMN year;
