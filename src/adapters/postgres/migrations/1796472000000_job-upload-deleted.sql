-- Up Migration

-- When a finished job's upload was deleted from storage (see CollectExpiredFiles).
ALTER TABLE jobs ADD COLUMN upload_deleted_at timestamptz;

-- The storage janitor's question: finished jobs whose upload is still kept, newest first as
-- every list. Only a job's last update enters it, and recording the deletion takes it out.
CREATE INDEX jobs_upload_kept_idx ON jobs (status, created_at DESC, id DESC)
  WHERE upload_deleted_at IS NULL AND status IN ('COMPLETED', 'FAILED');

-- Down Migration

DROP INDEX jobs_upload_kept_idx;
ALTER TABLE jobs DROP COLUMN upload_deleted_at;
