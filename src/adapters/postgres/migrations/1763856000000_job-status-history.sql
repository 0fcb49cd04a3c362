-- Up Migration

-- Every status a job has had, written in the transaction that changes it: an audit trail,
-- and the evidence that no job was completed twice.
CREATE TABLE job_status_changes (
  id          bigserial PRIMARY KEY,
  job_id      uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  from_status text,
  to_status   text NOT NULL,
  attempt     integer NOT NULL,
  at          timestamptz NOT NULL
);
CREATE INDEX job_status_changes_job_idx ON job_status_changes (job_id, id);

INSERT INTO job_status_changes (job_id, from_status, to_status, attempt, at)
  SELECT id, NULL, status, attempt, updated_at FROM jobs;

-- The reconciler looks for QUEUED and PROCESSING jobs untouched for a while.
CREATE INDEX jobs_status_updated_idx ON jobs (status, updated_at);

-- Down Migration

DROP INDEX jobs_status_updated_idx;
DROP TABLE job_status_changes;
