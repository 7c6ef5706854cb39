-- PostgreSQL twin of ../0005_one_timestamp_and_bounded_reads.sql.
-- 1. One timestamp format: PostgreSQL databases were created in it (their 0001 came
-- after it was chosen), so there is nothing to rewrite.

-- SQLite's likely(X) is a planner hint that returns X; the same statements run here.
CREATE FUNCTION likely(condition boolean) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT condition';

-- 2. Reads that don't grow with other servers' data.
CREATE INDEX meet_rsvps_by_guild ON meet_rsvps (guild_id);
CREATE INDEX attendance_events_by_guild ON attendance_events (guild_id, kind);
CREATE INDEX meets_by_guild_series ON meets (guild_id, series) WHERE series <> '';

-- Series match case-insensitively: SQLite compares them COLLATE NOCASE, here the
-- column is citext (bot/db/postgres.py drops the COLLATE NOCASE from the statements).
DROP INDEX attendance_history_by_series;
ALTER TABLE attendance_history ALTER COLUMN series TYPE citext;
CREATE INDEX attendance_history_record
    ON attendance_history (guild_id, series, cars DESC, held_on, id);
CREATE INDEX attendance_history_by_day
    ON attendance_history (guild_id, series, held_on, id);
CREATE INDEX attendance_history_imports
    ON attendance_history (guild_id, source, held_on, id);

CREATE INDEX attendance_counters_open ON attendance_counters (stopped_at, guild_id)
    WHERE stopped_at IS NULL;

CREATE TABLE attendance_series_sizes (
    guild_id BIGINT  NOT NULL,
    series   citext  NOT NULL,
    entries  INTEGER NOT NULL CHECK (entries >= 0),
    PRIMARY KEY (guild_id, series)
);

INSERT INTO attendance_series_sizes (guild_id, series, entries)
    SELECT guild_id, min(series), COUNT(*) FROM attendance_history GROUP BY guild_id, series;

CREATE FUNCTION attendance_series_size() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE attendance_series_sizes SET entries = entries - 1
        WHERE guild_id = OLD.guild_id AND series = OLD.series;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO attendance_series_sizes AS s (guild_id, series, entries)
        VALUES (NEW.guild_id, NEW.series, 1)
        ON CONFLICT (guild_id, series) DO UPDATE SET entries = s.entries + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER attendance_series_size_insert AFTER INSERT ON attendance_history
    FOR EACH ROW EXECUTE FUNCTION attendance_series_size();

CREATE TRIGGER attendance_series_size_delete AFTER DELETE ON attendance_history
    FOR EACH ROW EXECUTE FUNCTION attendance_series_size();

-- A live meet's upsert on stop may move its entry to another series.
CREATE TRIGGER attendance_series_size_update AFTER UPDATE OF guild_id, series ON attendance_history
    FOR EACH ROW
    WHEN (OLD.guild_id IS DISTINCT FROM NEW.guild_id OR OLD.series IS DISTINCT FROM NEW.series)
    EXECUTE FUNCTION attendance_series_size();
