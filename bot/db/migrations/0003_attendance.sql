-- Live attendance: one counter per meet, an append-only event log the count is
-- derived from, and the attendance history (live meets + imported past meets)
-- that club records are computed from.

CREATE TABLE attendance_counters (
    meet_id             INTEGER PRIMARY KEY REFERENCES meets(id) ON DELETE CASCADE,
    guild_id            INTEGER NOT NULL,
    held_on             TEXT    NOT NULL,          -- the meet's local date, YYYY-MM-DD
    channel_id          INTEGER NOT NULL,
    message_id          INTEGER,                   -- the live counter message (reposted hourly)
    message_posted_at   TEXT,
    started_by          INTEGER NOT NULL,
    started_at          TEXT    NOT NULL,
    stopped_by          INTEGER,
    stopped_at          TEXT,
    high_water          INTEGER NOT NULL DEFAULT 0,
    -- Set once, in the transaction whose increment first beat the record, so
    -- concurrent presses can never announce twice.
    record_broken_at    TEXT,
    record_prev_cars    INTEGER,
    record_prev_label   TEXT,
    record_prev_on      TEXT,
    announce_channel_id INTEGER,
    announce_message_id INTEGER,
    milestone_last      INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX attendance_counters_live ON attendance_counters (guild_id, stopped_at);

CREATE TABLE attendance_events (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    meet_id     INTEGER NOT NULL REFERENCES attendance_counters(meet_id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('checkin', 'checkout', 'staff')),
    member_id   INTEGER,                           -- whose car; NULL for the staff tally
    delta       INTEGER NOT NULL,
    actor_id    INTEGER NOT NULL,                  -- who pressed / typed it
    reason      TEXT,
    total_after INTEGER NOT NULL,
    at          TEXT    NOT NULL,
    CHECK ((kind = 'staff') = (member_id IS NULL))
) STRICT;

CREATE INDEX attendance_events_by_meet ON attendance_events (meet_id, member_id);

CREATE TABLE attendance_history (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    series     TEXT    NOT NULL DEFAULT '',        -- '' means the whole server
    meet_id    INTEGER UNIQUE REFERENCES meets(id) ON DELETE SET NULL,
    source     TEXT    NOT NULL CHECK (source IN ('import', 'live')),
    label      TEXT    NOT NULL,
    held_on    TEXT    NOT NULL,                   -- YYYY-MM-DD
    cars       INTEGER NOT NULL CHECK (cars BETWEEN 0 AND 100000),
    created_by INTEGER NOT NULL,
    created_at TEXT    NOT NULL
) STRICT;

CREATE INDEX attendance_history_by_series ON attendance_history (guild_id, series, cars);
