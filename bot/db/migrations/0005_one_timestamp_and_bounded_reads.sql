-- 1. One timestamp format. Until now meets, RSVPs and reminders stored
-- 'YYYY-MM-DDTHH:MM:SS+00:00' (seconds) and the attendance tables
-- 'YYYY-MM-DDTHH:MM:SS.ffffff+00:00' (microseconds). From here on every moment is
-- UTC with milliseconds and a Z, 'YYYY-MM-DDTHH:MM:SS.mmmZ' (bot/db/rows.py):
-- fixed width, so text order is time order. strftime() reads both old shapes,
-- applies any offset, and keeps NULL as NULL; a value it can't read becomes NULL
-- and a NOT NULL column then stops the migration rather than lose a time.
-- (strftime rounds to the nearest millisecond where Python truncates: old values
-- may move by less than a millisecond, new ones never do.)
UPDATE meets SET
    starts_at = strftime('%Y-%m-%dT%H:%M:%fZ', starts_at),
    ends_at = strftime('%Y-%m-%dT%H:%M:%fZ', ends_at),
    created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at),
    cancelled_at = strftime('%Y-%m-%dT%H:%M:%fZ', cancelled_at);

UPDATE meet_rsvps SET responded_at = strftime('%Y-%m-%dT%H:%M:%fZ', responded_at);

UPDATE meet_reminders SET
    due_at = strftime('%Y-%m-%dT%H:%M:%fZ', due_at),
    claimed_at = strftime('%Y-%m-%dT%H:%M:%fZ', claimed_at);

UPDATE attendance_counters SET
    message_posted_at = strftime('%Y-%m-%dT%H:%M:%fZ', message_posted_at),
    started_at = strftime('%Y-%m-%dT%H:%M:%fZ', started_at),
    stopped_at = strftime('%Y-%m-%dT%H:%M:%fZ', stopped_at),
    record_broken_at = strftime('%Y-%m-%dT%H:%M:%fZ', record_broken_at);

UPDATE attendance_events SET at = strftime('%Y-%m-%dT%H:%M:%fZ', at);

UPDATE attendance_history SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at);

UPDATE guild_settings SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at);

-- 2. Reads that don't grow with other servers' data (each query's plan is checked by
-- tests/services/query_plans.py: no full scan of a table that grows).

-- /about counts one server's answers and check-ins.
CREATE INDEX meet_rsvps_by_guild ON meet_rsvps (guild_id);
CREATE INDEX attendance_events_by_guild ON attendance_events (guild_id, kind);

-- Series autocomplete: the distinct series of one server's meets.
CREATE INDEX meets_by_guild_series ON meets (guild_id, series) WHERE series != '';

-- Series match case-insensitively ("1M meet" is "1M Meet"), and an index serves a
-- NOCASE comparison only if it is NOCASE too: the old index could narrow a record
-- lookup to the server but not to the series. The record is the first row in
-- (cars DESC, held_on, id) order that is old enough; /records show reads the
-- newest entries; /records remove's autocomplete the newest imports.
DROP INDEX attendance_history_by_series;
CREATE INDEX attendance_history_record
    ON attendance_history (guild_id, series COLLATE NOCASE, cars DESC, held_on, id);
CREATE INDEX attendance_history_by_day
    ON attendance_history (guild_id, series COLLATE NOCASE, held_on, id);
CREATE INDEX attendance_history_imports
    ON attendance_history (guild_id, source, held_on, id);

-- The upkeep loop visits the live counters of every server: only those are indexed.
CREATE INDEX attendance_counters_open ON attendance_counters (stopped_at, guild_id)
    WHERE stopped_at IS NULL;

-- /records show says how many earlier entries it left out. Counting a long history
-- on every show grew with it, so each series' size is kept here, by triggers, so no
-- write path can forget it (series compare NOCASE, as everywhere).
CREATE TABLE attendance_series_sizes (
    guild_id INTEGER NOT NULL,
    series   TEXT    NOT NULL COLLATE NOCASE,
    entries  INTEGER NOT NULL CHECK (entries >= 0),
    PRIMARY KEY (guild_id, series)
) STRICT;

INSERT INTO attendance_series_sizes (guild_id, series, entries)
    SELECT guild_id, series, COUNT(*) FROM attendance_history
    GROUP BY guild_id, series COLLATE NOCASE;

CREATE TRIGGER attendance_series_size_insert AFTER INSERT ON attendance_history
BEGIN
    INSERT INTO attendance_series_sizes (guild_id, series, entries)
    VALUES (NEW.guild_id, NEW.series, 1)
    ON CONFLICT (guild_id, series) DO UPDATE SET entries = entries + 1;
END;

CREATE TRIGGER attendance_series_size_delete AFTER DELETE ON attendance_history
BEGIN
    UPDATE attendance_series_sizes SET entries = entries - 1
    WHERE guild_id = OLD.guild_id AND series = OLD.series;
END;

-- A live meet's upsert on stop may move its entry to another series.
CREATE TRIGGER attendance_series_size_update AFTER UPDATE OF guild_id, series ON attendance_history
WHEN OLD.guild_id IS NOT NEW.guild_id OR OLD.series IS NOT NEW.series COLLATE NOCASE
BEGIN
    UPDATE attendance_series_sizes SET entries = entries - 1
    WHERE guild_id = OLD.guild_id AND series = OLD.series;
    INSERT INTO attendance_series_sizes (guild_id, series, entries)
    VALUES (NEW.guild_id, NEW.series, 1)
    ON CONFLICT (guild_id, series) DO UPDATE SET entries = entries + 1;
END;
