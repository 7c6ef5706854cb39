-- PostgreSQL twin of ../0004_rsvp_counts.sql: the answer counts kept on the meet by
-- triggers, and `seq` indexed.
ALTER TABLE meets ADD COLUMN n_going INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meets ADD COLUMN n_waitlist INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meets ADD COLUMN n_maybe INTEGER NOT NULL DEFAULT 0;

UPDATE meets SET
    n_going = (SELECT COUNT(*) FROM meet_rsvps r WHERE r.meet_id = meets.id AND r.status = 'going'),
    n_waitlist = (SELECT COUNT(*) FROM meet_rsvps r WHERE r.meet_id = meets.id AND r.status = 'waitlist'),
    n_maybe = (SELECT COUNT(*) FROM meet_rsvps r WHERE r.meet_id = meets.id AND r.status = 'maybe');

CREATE INDEX meet_rsvps_by_seq ON meet_rsvps (meet_id, seq);

CREATE FUNCTION meet_rsvps_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE meets SET
            n_going = n_going - (OLD.status = 'going')::int,
            n_waitlist = n_waitlist - (OLD.status = 'waitlist')::int,
            n_maybe = n_maybe - (OLD.status = 'maybe')::int
        WHERE id = OLD.meet_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE meets SET
            n_going = n_going + (NEW.status = 'going')::int,
            n_waitlist = n_waitlist + (NEW.status = 'waitlist')::int,
            n_maybe = n_maybe + (NEW.status = 'maybe')::int
        WHERE id = NEW.meet_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER meet_rsvps_count_insert AFTER INSERT ON meet_rsvps
    FOR EACH ROW EXECUTE FUNCTION meet_rsvps_count();

CREATE TRIGGER meet_rsvps_count_delete AFTER DELETE ON meet_rsvps
    FOR EACH ROW EXECUTE FUNCTION meet_rsvps_count();

-- An upsert that lands on an existing answer fires this one, not the insert.
CREATE TRIGGER meet_rsvps_count_update AFTER UPDATE OF status, meet_id ON meet_rsvps
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.meet_id IS DISTINCT FROM NEW.meet_id)
    EXECUTE FUNCTION meet_rsvps_count();
