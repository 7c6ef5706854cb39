-- Meets: one row per announced meet. Times are UTC ISO-8601 strings.
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
