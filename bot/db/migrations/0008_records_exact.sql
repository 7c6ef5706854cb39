-- The record story (issue 11): series that match, running totals, voided check-ins.

-- 1. Series match case- and accent-insensitively: "nurburgring" is "Nürburgring".
-- No collation folds accents, so each history entry stores its series' key
-- (bot.db.sql.fold, registered as paddock_fold) and the indexes are on the key.
ALTER TABLE attendance_history ADD COLUMN series_key TEXT NOT NULL DEFAULT '';
UPDATE attendance_history SET series_key = paddock_fold(series);

DROP INDEX attendance_history_record;
DROP INDEX attendance_history_by_day;
CREATE INDEX attendance_history_record
    ON attendance_history (guild_id, series_key, cars DESC, held_on, id);
CREATE INDEX attendance_history_by_day
    ON attendance_history (guild_id, series_key, held_on, id);
-- A meet without a series competes with the whole server, and /records show without
-- a series shows the whole server: the same two walks without the series.
CREATE INDEX attendance_history_server_record
    ON attendance_history (guild_id, cars DESC, held_on, id);
CREATE INDEX attendance_history_server_by_day
    ON attendance_history (guild_id, held_on, id);

-- The series sizes (0005) are kept per key too, with the first spelling seen: that
-- is also the server's list of series, for autocomplete and "Did you mean ...?".
DROP TRIGGER attendance_series_size_insert;
DROP TRIGGER attendance_series_size_delete;
DROP TRIGGER attendance_series_size_update;
DROP TABLE attendance_series_sizes;
CREATE TABLE attendance_series_sizes (
    guild_id   INTEGER NOT NULL,
    series_key TEXT    NOT NULL,
    series     TEXT    NOT NULL,
    entries    INTEGER NOT NULL CHECK (entries >= 0),
    PRIMARY KEY (guild_id, series_key)
) STRICT;

INSERT INTO attendance_series_sizes (guild_id, series_key, series, entries)
    SELECT guild_id, series_key, MIN(series), COUNT(*) FROM attendance_history
    GROUP BY guild_id, series_key;

CREATE TRIGGER attendance_series_size_insert AFTER INSERT ON attendance_history
BEGIN
    INSERT INTO attendance_series_sizes (guild_id, series_key, series, entries)
    VALUES (NEW.guild_id, NEW.series_key, NEW.series, 1)
    ON CONFLICT (guild_id, series_key) DO UPDATE SET entries = entries + 1;
END;

CREATE TRIGGER attendance_series_size_delete AFTER DELETE ON attendance_history
BEGIN
    UPDATE attendance_series_sizes SET entries = entries - 1
    WHERE guild_id = OLD.guild_id AND series_key = OLD.series_key;
END;

CREATE TRIGGER attendance_series_size_update
AFTER UPDATE OF guild_id, series_key ON attendance_history
WHEN OLD.guild_id IS NOT NEW.guild_id OR OLD.series_key IS NOT NEW.series_key
BEGIN
    UPDATE attendance_series_sizes SET entries = entries - 1
    WHERE guild_id = OLD.guild_id AND series_key = OLD.series_key;
    INSERT INTO attendance_series_sizes (guild_id, series_key, series, entries)
    VALUES (NEW.guild_id, NEW.series_key, NEW.series, 1)
    ON CONFLICT (guild_id, series_key) DO UPDATE SET entries = entries + 1;
END;

-- 2. Running totals: a press reads and moves two numbers on the counter row instead
-- of summing the whole log (which grew with every press). The log stays the record
-- of who, when and why; the totals are moved in the same transaction as each event.
-- record_broken_cars is the count that beat the record: the post's first words.
ALTER TABLE attendance_counters ADD COLUMN checked_in INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attendance_counters ADD COLUMN staff INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attendance_counters ADD COLUMN record_broken_cars INTEGER;
UPDATE attendance_counters SET
    checked_in = (SELECT COALESCE(SUM(delta), 0) FROM attendance_events e
                  WHERE e.meet_id = attendance_counters.meet_id AND e.kind != 'staff'),
    staff = (SELECT COALESCE(SUM(delta), 0) FROM attendance_events e
             WHERE e.meet_id = attendance_counters.meet_id AND e.kind = 'staff'),
    record_broken_cars = CASE WHEN record_broken_at IS NULL THEN NULL ELSE high_water END;

-- 3. Organisers void a false check-in ('void': member_id is whose, actor_id who did
-- it, reason why). SQLite can't widen a CHECK in place, so the log is copied.
CREATE TABLE attendance_events_new (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    meet_id     INTEGER NOT NULL REFERENCES attendance_counters(meet_id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('checkin', 'checkout', 'staff', 'void')),
    member_id   INTEGER,                           -- whose car; NULL for the staff tally
    delta       INTEGER NOT NULL,
    actor_id    INTEGER NOT NULL,                  -- who pressed / typed it
    reason      TEXT,
    total_after INTEGER NOT NULL,
    at          TEXT    NOT NULL,
    CHECK ((kind = 'staff') = (member_id IS NULL))
) STRICT;
INSERT INTO attendance_events_new
    SELECT id, guild_id, meet_id, kind, member_id, delta, actor_id, reason, total_after, at
    FROM attendance_events;
DROP TABLE attendance_events;
ALTER TABLE attendance_events_new RENAME TO attendance_events;
CREATE INDEX attendance_events_by_meet ON attendance_events (meet_id, member_id);
CREATE INDEX attendance_events_by_guild ON attendance_events (guild_id, kind);
-- The counter card's last arrivals and /attendance status's last corrections: the
-- newest few rows of one meet, read backwards from the end of the index.
CREATE INDEX attendance_events_recent ON attendance_events (meet_id, id);
CREATE INDEX attendance_events_corrections ON attendance_events (meet_id, id)
    WHERE kind IN ('staff', 'void');
