-- Up Migration

-- Moves on with every change that ends all of a user's sessions (a new password, a
-- deactivation); access tokens carry the value they were issued under (see User.sessionVersion).
ALTER TABLE users ADD COLUMN session_version integer NOT NULL DEFAULT 0;

-- Down Migration

ALTER TABLE users DROP COLUMN session_version;
