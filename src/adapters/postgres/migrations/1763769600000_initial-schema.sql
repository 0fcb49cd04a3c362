-- Up Migration

CREATE TABLE users (
  id            uuid PRIMARY KEY,
  username      text NOT NULL,
  email         text NOT NULL,
  full_name     text,
  role          text NOT NULL CHECK (role IN ('admin', 'user', 'viewer')),
  is_active     boolean NOT NULL,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  CONSTRAINT users_username_key UNIQUE (username)
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- owner_id is not a foreign key: jobs outlive the accounts that created them.
CREATE TABLE jobs (
  id                      uuid PRIMARY KEY,
  job_type                text NOT NULL,
  source                  text NOT NULL,
  owner_id                uuid NOT NULL,
  status                  text NOT NULL CHECK (status IN ('CREATED', 'QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED')),
  progress                smallint NOT NULL CHECK (progress BETWEEN 0 AND 100),
  retry_count             integer NOT NULL CHECK (retry_count >= 0),
  attempt                 integer NOT NULL CHECK (attempt >= 0),
  error_message           text,
  created_at              timestamptz NOT NULL,
  queued_at               timestamptz,
  started_at              timestamptz,
  finished_at             timestamptz,
  updated_at              timestamptz NOT NULL,
  idempotency_key         text,
  idempotency_fingerprint text
);
-- Listing is newest first, optionally per owner and/or per status.
CREATE INDEX jobs_created_idx ON jobs (created_at DESC, id DESC);
CREATE INDEX jobs_owner_created_idx ON jobs (owner_id, created_at DESC, id DESC);
CREATE INDEX jobs_status_created_idx ON jobs (status, created_at DESC, id DESC);
CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE file_uploads (
  job_id          uuid PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
  storage_type    text NOT NULL,
  bucket          text,
  object_key      text NOT NULL,
  local_path      text,
  file_size       bigint NOT NULL CHECK (file_size > 0),
  log_format      text NOT NULL,
  filename        text NOT NULL,
  checksum_sha256 text,
  created_at      timestamptz NOT NULL
);

CREATE TABLE job_results (
  job_id          uuid PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
  lines_total     bigint NOT NULL,
  events_parsed   bigint NOT NULL,
  lines_rejected  bigint NOT NULL,
  bytes_processed bigint NOT NULL,
  level_counts    jsonb NOT NULL,
  first_event_at  timestamptz,
  last_event_at   timestamptz,
  output_key      text,
  sample_errors   jsonb NOT NULL
);

CREATE TABLE refresh_sessions (
  token_id   uuid PRIMARY KEY,
  user_id    uuid NOT NULL,
  family_id  uuid NOT NULL,
  expires_at timestamptz NOT NULL,
  rotated_at timestamptz
);
CREATE INDEX refresh_sessions_user_idx ON refresh_sessions (user_id);

CREATE TABLE revoked_session_families (
  family_id  uuid PRIMARY KEY,
  revoked_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration

DROP TABLE revoked_session_families;
DROP TABLE refresh_sessions;
DROP TABLE job_results;
DROP TABLE file_uploads;
DROP TABLE jobs;
DROP TABLE users;
