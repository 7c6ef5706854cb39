-- Meets: one row per announced meet. Times are UTC ISO-8601 strings
-- ('YYYY-MM-DDTHH:MM:SS+00:00'), so text order is time order.
CREATE TABLE meets (
    id            INTEGER PRIMARY KEY,
    guild_id      INTEGER NOT NULL,
    title         TEXT    NOT NULL,
    starts_at     TEXT    NOT NULL,
    ends_at       TEXT,
    location      TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    capacity      INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 10000),
    series        TEXT    NOT NULL DEFAULT '',      -- '' means the whole server
    channel_id    INTEGER,
    message_id    INTEGER,
    event_id      INTEGER,                          -- Discord scheduled event mirror
    created_by    INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    cancelled_at  TEXT,
    cancel_reason TEXT
) STRICT;

CREATE INDEX meets_by_guild_start ON meets (guild_id, starts_at);

-- One answer per member per meet. 'waitlist' is a Going press that found the
-- meet full; `seq` is the press order within the meet, so the waitlist is
-- served first come, first served even when the clock does not move.
CREATE TABLE meet_rsvps (
    meet_id      INTEGER NOT NULL REFERENCES meets (id) ON DELETE CASCADE,
    guild_id     INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('going', 'waitlist', 'maybe', 'no')),
    display_name TEXT    NOT NULL DEFAULT '',
    car          TEXT    NOT NULL DEFAULT '' CHECK (length(car) <= 80),
    passengers   INTEGER NOT NULL DEFAULT 0 CHECK (passengers BETWEEN 0 AND 8),
    seq          INTEGER NOT NULL,
    responded_at TEXT    NOT NULL,
    PRIMARY KEY (meet_id, user_id)
) STRICT;

CREATE INDEX meet_rsvps_by_status ON meet_rsvps (meet_id, status, seq);

-- Reminders are materialised when a meet is created (or re-timed) so a
-- restart finds them, and each is claimed ('pending' -> 'claimed') in a
-- transaction before it is sent, so it can never go out twice.
CREATE TABLE meet_reminders (
    id             INTEGER PRIMARY KEY,
    meet_id        INTEGER NOT NULL REFERENCES meets (id) ON DELETE CASCADE,
    minutes_before INTEGER NOT NULL CHECK (minutes_before > 0),
    due_at         TEXT    NOT NULL,
    state          TEXT    NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'claimed', 'sent', 'skipped')),
    claimed_at     TEXT,
    message_id     INTEGER,
    UNIQUE (meet_id, minutes_before, due_at)
) STRICT;

CREATE INDEX meet_reminders_due ON meet_reminders (state, due_at);

-- How a member wants to hear about changes to meets in one server.
CREATE TABLE meet_member_prefs (
    guild_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    notify   TEXT    NOT NULL DEFAULT 'channel' CHECK (notify IN ('channel', 'dm')),
    PRIMARY KEY (guild_id, user_id)
) STRICT;
