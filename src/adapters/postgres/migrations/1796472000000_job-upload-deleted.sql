-- Up Migration

-- When a finished job's upload was deleted from storage (see CollectExpiredFiles).
ALTER TABLE jobs ADD COLUMN upload_deleted_at timestamptz;

-- The storage janitor's question: finished jobs, oldest first, whose upload is still kept.
CREATE INDEX jobs_upload_kept_idx ON jobs (status, finished_at) WHERE upload_deleted_at IS NULL;

-- Down Migration

DROP INDEX jobs_upload_kept_idx;
ALTER TABLE jobs DROP COLUMN upload_deleted_at;
