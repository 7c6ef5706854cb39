-- Core tables: key/value metadata (command-tree hash, ...) and per-server settings.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE guild_settings (
    guild_id            INTEGER PRIMARY KEY,
    timezone            TEXT,
    units               TEXT CHECK (units IN ('metric', 'imperial')),
    meets_channel_id    INTEGER,
    announce_channel_id INTEGER,
    organizer_role_id   INTEGER,
    announce_role_id    INTEGER,
    reminder_minutes    TEXT,           -- comma-separated offsets before a meet, e.g. '1440,60'
    milestone_every     INTEGER CHECK (milestone_every IS NULL OR milestone_every > 0),
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
