-- PostgreSQL twin of ../0001_init.sql. The conventions of every PostgreSQL migration:
-- Discord ids and row ids are BIGINT (ids above 2^31), counts INTEGER; `INTEGER PRIMARY
-- KEY` is an identity column; moments are TEXT in the one fixed-width UTC format of
-- bot/db/rows.py, as on SQLite, so they sort and compare the same way; columns SQLite
-- compares COLLATE NOCASE are citext here.
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE guild_settings (
    guild_id            BIGINT PRIMARY KEY,
    timezone            TEXT,
    units               TEXT CHECK (units IN ('metric', 'imperial')),
    meets_channel_id    BIGINT,
    announce_channel_id BIGINT,
    organizer_role_id   BIGINT,
    announce_role_id    BIGINT,
    reminder_minutes    TEXT,
    milestone_every     INTEGER CHECK (milestone_every IS NULL OR milestone_every > 0),
    updated_at          TEXT NOT NULL
        DEFAULT (to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
);
