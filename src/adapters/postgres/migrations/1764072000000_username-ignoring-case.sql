-- Up Migration

-- Usernames become unique ignoring case (`Admin` and `admin` are one account). Accounts whose
-- names already differ only in case keep working: the oldest keeps its name; each later one is
-- renamed `<name>-dup-<its id>` (a valid username, unique by its id) and keeps its password,
-- role, sessions and jobs, for an admin to rename as they see fit.
UPDATE users
   SET username = left(users.username, 100) || '-dup-' || users.id::text, updated_at = now()
  FROM (SELECT id, row_number() OVER (PARTITION BY lower(username) ORDER BY created_at, id) AS rank FROM users) AS ranked
 WHERE ranked.id = users.id AND ranked.rank > 1;

ALTER TABLE users DROP CONSTRAINT users_username_key;
-- The same name as the constraint it replaces: the repository maps a violation of either to USERNAME_TAKEN.
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- Down Migration

DROP INDEX users_username_key;
ALTER TABLE users ADD CONSTRAINT users_username_key UNIQUE (username);
