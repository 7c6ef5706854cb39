-- Recurring meets and the club calendar (issue 15).

-- A repeat rule: the template every date of a recurring meet is made from, and the
-- wall-clock rule (bot/services/meets/recurrence.py) that says which dates there are.
CREATE TABLE meet_rules (
    id            INTEGER PRIMARY KEY,
    guild_id      INTEGER NOT NULL,
    title         TEXT    NOT NULL,
    location      TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    capacity      INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 10000),
    series        TEXT    NOT NULL DEFAULT '',
    channel_id    INTEGER,
    duration_min  INTEGER CHECK (duration_min IS NULL OR duration_min > 0),
    zone          TEXT    NOT NULL,
    freq          TEXT    NOT NULL CHECK (freq IN ('weekly', 'monthly_date', 'monthly_weekday')),
    start_local   TEXT    NOT NULL,                 -- first date's wall time, YYYY-MM-DDTHH:MM
    every         INTEGER NOT NULL DEFAULT 1 CHECK (every BETWEEN 1 AND 52),
    nth           INTEGER CHECK (nth IS NULL OR nth IN (1, 2, 3, 4, -1)),
    until         TEXT,                             -- inclusive local date
    count         INTEGER CHECK (count IS NULL OR count > 0),
    stopped_from  TEXT,                             -- no dates on or after this local date
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sequence      INTEGER NOT NULL DEFAULT 0,
    created_by    INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
) STRICT;

CREATE INDEX meet_rules_by_guild ON meet_rules (guild_id, id);
-- The scheduler visits only rules that may still give dates.
CREATE INDEX meet_rules_active ON meet_rules (id) WHERE active = 1;

-- Each date of a rule is a meet of its own. `occurs_on` is the rule's local date for it
-- (kept when one date is moved), so the pair names the date for good: the scheduler's
-- INSERT can make each date at most once however often it runs or restarts, and a date
-- whose time was changed is still the same date.
ALTER TABLE meets ADD COLUMN rule_id INTEGER REFERENCES meet_rules (id);
ALTER TABLE meets ADD COLUMN occurs_on TEXT;
-- SEQUENCE of the calendar feed: rises with every change members would care about.
ALTER TABLE meets ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meets ADD COLUMN updated_at TEXT;

CREATE UNIQUE INDEX meets_rule_date ON meets (rule_id, occurs_on) WHERE rule_id IS NOT NULL;

CREATE TRIGGER meets_sequence AFTER UPDATE OF title, starts_at, ends_at, location, description,
    cancelled_at ON meets
WHEN OLD.title IS NOT NEW.title OR OLD.starts_at IS NOT NEW.starts_at
    OR OLD.ends_at IS NOT NEW.ends_at OR OLD.location IS NOT NEW.location
    OR OLD.description IS NOT NEW.description OR OLD.cancelled_at IS NOT NEW.cancelled_at
BEGIN
    UPDATE meets SET sequence = sequence + 1,
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE id = NEW.id;
END;

-- How long before a recurring meet's date it is announced; NULL = 7 days.
ALTER TABLE guild_settings ADD COLUMN post_ahead_minutes INTEGER
    CHECK (post_ahead_minutes IS NULL OR post_ahead_minutes BETWEEN 60 AND 40320);

-- The secret in a server's calendar URLs. Looked up by its SHA-256 (so the lookup
-- says nothing about how much of a guess was right), then compared in constant time.
CREATE TABLE calendar_links (
    guild_id    INTEGER PRIMARY KEY,
    secret      TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
) STRICT;
