-- The reference server's state (docs/architecture.md, "Storage"). One schema for SQLite and
-- PostgreSQL: text and integers only; ${serialKey} is the one type that differs (a key numbered
-- in insertion order, never reused). Times are ISO-8601 text in UTC, as the wire carries them.

-- Each agent's last status report (JSON, as it came), when and from where.
CREATE TABLE agents (
  agent_id  TEXT PRIMARY KEY,
  last_seen TEXT NOT NULL,
  address   TEXT,
  status    TEXT
);

-- Each relay's latest statistics, from the last report of an agent whose relay was running.
CREATE TABLE relay_statistics (
  relay_id   TEXT PRIMARY KEY,
  reported   TEXT NOT NULL,
  statistics TEXT NOT NULL
);

-- Every event received, once each: an event is known by its agent and its id.
CREATE TABLE events (
  seq      ${serialKey},
  agent_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  batch_id TEXT,
  received TEXT NOT NULL,
  event    TEXT NOT NULL,
  CONSTRAINT events_once UNIQUE (agent_id, event_id)
);

-- The registered edge relays, in registration order.
CREATE TABLE edge_relays (
  seq        ${serialKey},
  host       TEXT NOT NULL,
  port       INTEGER NOT NULL,
  registered TEXT NOT NULL,
  CONSTRAINT edge_relays_once UNIQUE (host, port)
);

-- The enrollment tokens: never a secret, only its SHA-256.
CREATE TABLE enrollment_tokens (
  seq           ${serialKey},
  token_id      TEXT NOT NULL UNIQUE,
  secret_sha256 TEXT NOT NULL,
  role          TEXT NOT NULL,
  uses          INTEGER NOT NULL,
  used          INTEGER NOT NULL,
  expires       TEXT NOT NULL,
  created       TEXT NOT NULL,
  revoked       INTEGER NOT NULL
);

-- Numbers that change with a table, so that every instance sees that it changed.
CREATE TABLE versions (
  name    TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO versions (name, version) VALUES ('edge_relays', 0);

-- The older server directories imported into this database, by path (one row per import; the
-- event log's damaged record offsets, comma-separated, in detail).
CREATE TABLE legacy_import (
  name     TEXT PRIMARY KEY,
  imported TEXT NOT NULL,
  detail   TEXT
);
