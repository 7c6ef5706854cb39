-- PostgreSQL twin of ../0008_records_exact.sql (conventions in 0001_init.sql).

-- 1. Series are matched by a stored key (bot.db.sql.fold: casefold, accents stripped,
-- spaces collapsed). The services compute it in Python and bind it; only rows already
-- stored when this migration runs are keyed here, by SQL that approximates fold()
-- (lower() where Python casefolds: "ß" stays "ß").
ALTER TABLE attendance_history ADD COLUMN series_key TEXT NOT NULL DEFAULT '';
UPDATE attendance_history SET series_key = btrim(regexp_replace(
    regexp_replace(normalize(lower(series::text), NFKD), '[\u0300-\u036f]', '', 'g'),
    '\s+', ' ', 'g'));

DROP INDEX attendance_history_record;
DROP INDEX attendance_history_by_day;
CREATE INDEX attendance_history_record
    ON attendance_history (guild_id, series_key, cars DESC, held_on, id);
CREATE INDEX attendance_history_by_day
    ON attendance_history (guild_id, series_key, held_on, id);
CREATE INDEX attendance_history_server_record
    ON attendance_history (guild_id, cars DESC, held_on, id);
CREATE INDEX attendance_history_server_by_day
    ON attendance_history (guild_id, held_on, id);

-- The series sizes are kept per key, with the first spelling seen.
DROP TRIGGER attendance_series_size_insert ON attendance_history;
DROP TRIGGER attendance_series_size_delete ON attendance_history;
DROP TRIGGER attendance_series_size_update ON attendance_history;
DROP TABLE attendance_series_sizes;
CREATE TABLE attendance_series_sizes (
    guild_id   BIGINT  NOT NULL,
    series_key TEXT    NOT NULL,
    series     TEXT    NOT NULL,
    entries    INTEGER NOT NULL CHECK (entries >= 0),
    PRIMARY KEY (guild_id, series_key)
);

INSERT INTO attendance_series_sizes (guild_id, series_key, series, entries)
    SELECT guild_id, series_key, MIN(series::text), COUNT(*) FROM attendance_history
    GROUP BY guild_id, series_key;

CREATE OR REPLACE FUNCTION attendance_series_size() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE attendance_series_sizes SET entries = entries - 1
        WHERE guild_id = OLD.guild_id AND series_key = OLD.series_key;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO attendance_series_sizes AS s (guild_id, series_key, series, entries)
        VALUES (NEW.guild_id, NEW.series_key, NEW.series, 1)
        ON CONFLICT (guild_id, series_key) DO UPDATE SET entries = s.entries + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER attendance_series_size_insert AFTER INSERT ON attendance_history
    FOR EACH ROW EXECUTE FUNCTION attendance_series_size();

CREATE TRIGGER attendance_series_size_delete AFTER DELETE ON attendance_history
    FOR EACH ROW EXECUTE FUNCTION attendance_series_size();

CREATE TRIGGER attendance_series_size_update
    AFTER UPDATE OF guild_id, series_key ON attendance_history
    FOR EACH ROW
    WHEN (OLD.guild_id IS DISTINCT FROM NEW.guild_id OR OLD.series_key IS DISTINCT FROM NEW.series_key)
    EXECUTE FUNCTION attendance_series_size();

-- 2. Running totals on the counter row, moved in the same transaction as each event.
ALTER TABLE attendance_counters ADD COLUMN checked_in INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attendance_counters ADD COLUMN staff INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attendance_counters ADD COLUMN record_broken_cars INTEGER;
UPDATE attendance_counters SET
    checked_in = (SELECT COALESCE(SUM(delta), 0) FROM attendance_events e
                  WHERE e.meet_id = attendance_counters.meet_id AND e.kind <> 'staff'),
    staff = (SELECT COALESCE(SUM(delta), 0) FROM attendance_events e
             WHERE e.meet_id = attendance_counters.meet_id AND e.kind = 'staff'),
    record_broken_cars = CASE WHEN record_broken_at IS NULL THEN NULL ELSE high_water END;

-- 3. Voided check-ins: PostgreSQL widens the CHECK in place (SQLite copies the table).
ALTER TABLE attendance_events DROP CONSTRAINT attendance_events_kind_check;
ALTER TABLE attendance_events ADD CONSTRAINT attendance_events_kind_check
    CHECK (kind IN ('checkin', 'checkout', 'staff', 'void'));
CREATE INDEX attendance_events_recent ON attendance_events (meet_id, id);
CREATE INDEX attendance_events_corrections ON attendance_events (meet_id, id)
    WHERE kind IN ('staff', 'void');
