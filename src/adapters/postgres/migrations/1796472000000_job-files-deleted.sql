-- Up Migration

-- When a FAILED job's upload and output were deleted from storage (after their retention).
ALTER TABLE jobs ADD COLUMN files_deleted_at timestamptz;

-- The storage janitor's question: FAILED jobs, oldest first, whose files are still kept.
CREATE INDEX jobs_failed_files_kept_idx ON jobs (finished_at) WHERE status = 'FAILED' AND files_deleted_at IS NULL;

-- Down Migration

DROP INDEX jobs_failed_files_kept_idx;
ALTER TABLE jobs DROP COLUMN files_deleted_at;
