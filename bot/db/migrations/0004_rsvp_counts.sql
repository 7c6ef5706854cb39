-- Every RSVP press reads the meet's counts twice and the next `seq` once.
-- Counting them on each read made a press cost O(answers so far), which a
-- burst of a few hundred presses on one meet felt; kept as columns by the
-- triggers below (so no write path can forget them) and with `seq` indexed,
-- a press costs O(log answers).
ALTER TABLE meets ADD COLUMN n_going INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meets ADD COLUMN n_waitlist INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meets ADD COLUMN n_maybe INTEGER NOT NULL DEFAULT 0;

UPDATE meets SET
    n_going = (SELECT COUNT(*) FROM meet_rsvps r WHERE r.meet_id = meets.id AND r.status = 'going'),
    n_waitlist = (SELECT COUNT(*) FROM meet_rsvps r WHERE r.meet_id = meets.id AND r.status = 'waitlist'),
    n_maybe = (SELECT COUNT(*) FROM meet_rsvps r WHERE r.meet_id = meets.id AND r.status = 'maybe');

CREATE INDEX meet_rsvps_by_seq ON meet_rsvps (meet_id, seq);

CREATE TRIGGER meet_rsvps_count_insert AFTER INSERT ON meet_rsvps
BEGIN
    UPDATE meets SET
        n_going = n_going + (NEW.status = 'going'),
        n_waitlist = n_waitlist + (NEW.status = 'waitlist'),
        n_maybe = n_maybe + (NEW.status = 'maybe')
    WHERE id = NEW.meet_id;
END;

CREATE TRIGGER meet_rsvps_count_delete AFTER DELETE ON meet_rsvps
BEGIN
    UPDATE meets SET
        n_going = n_going - (OLD.status = 'going'),
        n_waitlist = n_waitlist - (OLD.status = 'waitlist'),
        n_maybe = n_maybe - (OLD.status = 'maybe')
    WHERE id = OLD.meet_id;
END;

-- An upsert that lands on an existing answer fires this one, not the insert.
CREATE TRIGGER meet_rsvps_count_update AFTER UPDATE OF status, meet_id ON meet_rsvps
WHEN OLD.status IS NOT NEW.status OR OLD.meet_id IS NOT NEW.meet_id
BEGIN
    UPDATE meets SET
        n_going = n_going - (OLD.status = 'going'),
        n_waitlist = n_waitlist - (OLD.status = 'waitlist'),
        n_maybe = n_maybe - (OLD.status = 'maybe')
    WHERE id = OLD.meet_id;
    UPDATE meets SET
        n_going = n_going + (NEW.status = 'going'),
        n_waitlist = n_waitlist + (NEW.status = 'waitlist'),
        n_maybe = n_maybe + (NEW.status = 'maybe')
    WHERE id = NEW.meet_id;
END;
