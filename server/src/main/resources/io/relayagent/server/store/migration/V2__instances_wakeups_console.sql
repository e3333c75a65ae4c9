-- What several server instances on one database share beyond V1 (docs/operations.md, "Several
-- server instances"): who holds each agent's wake-up poll, the wake-ups one instance asks another
-- to deliver, and the console's login links and sessions. Times here are milliseconds since the
-- epoch: they are compared in queries, which ISO-8601 text of varying precision would get wrong.

-- The running server instances: a random id per start, and when it last said it was alive.
CREATE TABLE server_instances (
  instance_id TEXT PRIMARY KEY,
  heartbeat   BIGINT NOT NULL
);

-- Which instance holds each agent's wake-up poll (its latest poll came there).
CREATE TABLE wakeup_polls (
  agent_id    TEXT PRIMARY KEY,
  instance_id TEXT NOT NULL,
  polled      BIGINT NOT NULL
);

-- A signed wake-up that the instance asked through hands to the instance holding the agents'
-- polls: asked, then taken by the holder (or withdrawn by the asker, who waited long enough), then
-- answered with each agent's outcome, comma-separated in the order of agents (newline-separated).
CREATE TABLE wakeup_requests (
  seq      ${serialKey},
  holder   TEXT NOT NULL,
  agents   TEXT NOT NULL,
  wakeup   TEXT NOT NULL,
  created  BIGINT NOT NULL,
  state    TEXT NOT NULL,
  outcomes TEXT
);
CREATE INDEX wakeup_requests_asked ON wakeup_requests (holder, state);

-- The console's one-time login links and its sessions: never a secret, only its SHA-256.
CREATE TABLE console_secrets (
  seq           ${serialKey},
  kind          TEXT NOT NULL,
  secret_sha256 TEXT NOT NULL UNIQUE,
  expires       BIGINT NOT NULL
);
