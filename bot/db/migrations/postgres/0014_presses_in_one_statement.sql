-- PostgreSQL only (../0014_presses_in_one_statement.sql is empty on purpose). 1. An RSVP
-- that arrives alone, as one autocommitted statement. 0013's call still needed BEGIN
-- before it and a COMMIT after it (carrying the outbox mark): three round trips, each a
-- wait in which a bot process with nothing else to do sleeps and wakes again. A press
-- that finds no other press of its meet queued (a quiet server, or a process whose
-- queue has thinned) paid all three (bench/shards.py --gap counts them).
--
-- What moves into the function, so the statement is the whole write:
-- * the outbox mark ('announcement'), in the same statement as the answer it marks
--   stale (so both commit or neither, as before, when it went with the COMMIT);
-- * a waiting answer's place in line ('place'), read after the upsert, under the lock;
-- * p_alone: the caller will not send another statement. If the answer leaves a free
--   place with a line waiting (a promotion is due, which MeetService._promote does),
--   the function raises SQLSTATE PDK01 instead of returning; the statement is rolled
--   back whole, and the backend runs the write again in a transaction, where the
--   service promotes after the call as before (bot/db/postgres.py, `_alone`).
--
-- Correctness is 0013's: the meet's row lock comes first, every later statement sees
-- what was committed before it was granted; the rules are still checked by the service
-- against what is returned (MeetService.rsvp), in a transaction before its COMMIT, and
-- after the statement when alone (the one thing a lone press gives up: a disagreement
-- is then reported, not undone; tests/services/test_postgres_batches.py compares the
-- two decisions alone, merged and in order).
DROP FUNCTION paddock_rsvp(BIGINT, BIGINT, BIGINT, TEXT, TEXT, TEXT, INTEGER, TEXT, BOOLEAN);

CREATE FUNCTION paddock_rsvp(
    p_guild BIGINT,
    p_meet BIGINT,
    p_user BIGINT,
    p_answer TEXT,          -- NULL: keep the answer, change the car only
    p_name TEXT,
    p_car TEXT,             -- NULL: keep the car
    p_passengers INTEGER,   -- NULL: keep the passengers
    p_now TEXT,
    p_organiser BOOLEAN,
    p_alone BOOLEAN         -- one autocommitted statement: refuse (PDK01) to need more
) RETURNS JSONB LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    m meets;
    prev meet_rsvps;
    saved meet_rsvps;
    had_prev BOOLEAN;
    next_status TEXT;
    next_seq INTEGER;
    after_going INTEGER;
    after_waitlist INTEGER;
    place INTEGER;
BEGIN
    SELECT * INTO m FROM meets WHERE guild_id = p_guild AND id = p_meet FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    SELECT * INTO prev FROM meet_rsvps WHERE meet_id = p_meet AND user_id = p_user;
    had_prev := FOUND;
    IF m.cancelled_at IS NOT NULL
        OR p_now >= m.starts_at
        OR (NOT p_organiser AND p_now >= COALESCE(m.rsvp_deadline, m.starts_at))
        OR (p_answer IS NULL AND NOT had_prev) THEN
        -- Refused: the service raises the reason, from the meet and answer returned.
        RETURN jsonb_build_object(
            'meet', to_jsonb(m), 'old', CASE WHEN had_prev THEN to_jsonb(prev) END, 'new', NULL
        );
    END IF;
    IF p_answer IS NULL THEN
        next_status := prev.status;
    ELSIF p_answer <> 'going' THEN
        next_status := p_answer;
    ELSIF had_prev AND prev.status IN ('going', 'waitlist') THEN
        next_status := prev.status;
    ELSIF m.capacity IS NOT NULL AND (m.n_going >= m.capacity OR m.n_waitlist > 0) THEN
        next_status := 'waitlist';
    ELSE
        next_status := 'going';
    END IF;
    IF had_prev AND prev.status = next_status THEN
        next_seq := prev.seq;
    ELSE
        SELECT COALESCE(MAX(seq), 0) + 1 INTO next_seq FROM meet_rsvps WHERE meet_id = p_meet;
    END IF;
    INSERT INTO meet_rsvps (meet_id, guild_id, user_id, status, display_name, car,
                            passengers, seq, responded_at)
    VALUES (p_meet, p_guild, p_user, next_status, p_name,
            COALESCE(p_car, CASE WHEN had_prev THEN prev.car ELSE '' END),
            COALESCE(p_passengers, CASE WHEN had_prev THEN prev.passengers ELSE 0 END),
            next_seq, p_now)
    ON CONFLICT (meet_id, user_id) DO UPDATE SET status = excluded.status,
        display_name = CASE WHEN excluded.display_name = '' THEN meet_rsvps.display_name
                       ELSE excluded.display_name END,
        car = excluded.car, passengers = excluded.passengers, seq = excluded.seq,
        responded_at = CASE WHEN meet_rsvps.status = excluded.status
                       THEN meet_rsvps.responded_at ELSE excluded.responded_at END
    RETURNING * INTO saved;
    IF p_alone THEN
        -- The counts as the triggers (0004) left them, as MeetService._counted has them.
        SELECT n_going, n_waitlist INTO after_going, after_waitlist FROM meets WHERE id = p_meet;
        IF after_waitlist > 0 AND (m.capacity IS NULL OR after_going < m.capacity) THEN
            RAISE EXCEPTION 'a promotion is due: run the RSVP in a transaction'
                USING ERRCODE = 'PDK01';
        END IF;
    END IF;
    IF saved.status = 'waitlist' THEN
        SELECT COUNT(*) INTO place FROM meet_rsvps
            WHERE meet_id = p_meet AND status = 'waitlist' AND seq <= saved.seq;
    END IF;
    -- bot/services/outbox.py MARKS['announcement']: the announcement is now stale.
    INSERT INTO visible_outbox (kind, meet_id, guild_id) VALUES ('announcement', p_meet, p_guild)
        ON CONFLICT (kind, meet_id) DO UPDATE SET version = visible_outbox.version + 1;
    RETURN jsonb_build_object(
        'meet', to_jsonb(m), 'old', CASE WHEN had_prev THEN to_jsonb(prev) END,
        'new', to_jsonb(saved), 'place', place
    );
END;
$$;

-- 2. A check-in in one call (AttendanceService._change, kind 'checkin'): the counter's
-- and the meet's row locks, the member's state, the event, the totals, the record
-- decision, the server's milestone step and the milestone, and the outbox mark
-- ('counter'), which were a read of the server's settings and up to six round trips in a
-- transaction. As for RSVPs, the rules stay the service's: it makes every
-- decision again from what is returned (the counter as locked, the member's state, the
-- record it was measured against) and checks the totals written against its own, failing
-- the write (rolling it back, in a transaction) if they differ.
--
-- Correct by the counter's row lock, as the service's statements were: FOR UPDATE on the
-- join locks the counter and its meet first; every other write of the counter's events
-- and totals locks or updates the counter row first; the record decision is made in the
-- same statement as the increment, so "exactly one announcement" holds.
--
-- The record is looked up by series_key, which is bot.db.sql.fold of the meet's series
-- (Python's casefold and NFKD: SQL can only approximate it, see 0008), so the service
-- passes the series and key it knows for this meet; if the meet's series is another one
-- and the record is needed, the function writes nothing and asks for the key
-- ('needs_key'), or, alone, refuses (PDK01, rolled back).
CREATE FUNCTION paddock_check_in(
    p_guild BIGINT,
    p_meet BIGINT,
    p_member BIGINT,
    p_now TEXT,
    p_max INTEGER,              -- records.MAX_CARS
    p_series TEXT,              -- the series p_series_key was folded from (NULL: none known)
    p_series_key TEXT,
    p_alone BOOLEAN             -- one autocommitted statement: refuse (PDK01) to need more
) RETURNS JSONB LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    r RECORD;
    rec_cars INTEGER;
    rec_label TEXT;
    rec_on TEXT;
    rec_meet BIGINT;
    has_record BOOLEAN := FALSE;
    broken BOOLEAN;
    saved attendance_counters;
    here INTEGER;
    car INTEGER;
    total INTEGER;
    every INTEGER;              -- the server's milestone step (NULL: none)
    step INTEGER;
BEGIN
    SELECT c.*, m.series AS series INTO r
        FROM attendance_counters c JOIN meets m ON m.id = c.meet_id
        WHERE c.meet_id = p_meet AND c.guild_id = p_guild AND m.guild_id = p_guild
        FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF r.stopped_at IS NOT NULL THEN
        RETURN jsonb_build_object('row', to_jsonb(r));
    END IF;
    -- Read here rather than by the service before the call: one round trip less a press.
    SELECT milestone_every INTO every FROM guild_settings WHERE guild_id = p_guild;
    step := COALESCE(every, 0);
    SELECT COALESCE(SUM(delta), 0) INTO here FROM attendance_events
        WHERE meet_id = p_meet AND guild_id = p_guild AND member_id = p_member AND kind <> 'staff';
    IF here <> 0 THEN
        SELECT total_after INTO car FROM attendance_events
            WHERE meet_id = p_meet AND guild_id = p_guild AND member_id = p_member
            AND kind = 'checkin' ORDER BY id DESC LIMIT 1;
        RETURN jsonb_build_object('row', to_jsonb(r), 'here', here, 'car', COALESCE(car, 0));
    END IF;
    total := r.checked_in + r.staff;
    IF total >= p_max THEN
        RETURN jsonb_build_object('row', to_jsonb(r), 'here', 0);
    END IF;
    total := total + 1;
    IF total > r.high_water AND r.record_broken_at IS NULL THEN
        IF p_series IS DISTINCT FROM r.series THEN
            IF p_alone THEN
                RAISE EXCEPTION 'the series key is needed: run the check-in in a transaction'
                    USING ERRCODE = 'PDK01';
            END IF;
            RETURN jsonb_build_object('row', to_jsonb(r), 'here', 0, 'needs_key', TRUE);
        END IF;
        -- records.record_in: the standing record in the series (the server's, for none).
        IF p_series_key <> '' THEN
            SELECT cars, label, held_on, meet_id INTO rec_cars, rec_label, rec_on, rec_meet FROM attendance_history
                WHERE guild_id = p_guild AND series_key = p_series_key AND held_on <= r.held_on
                AND (meet_id IS NULL OR meet_id <> p_meet)
                ORDER BY cars DESC, held_on ASC, id ASC LIMIT 1;
        ELSE
            SELECT cars, label, held_on, meet_id INTO rec_cars, rec_label, rec_on, rec_meet FROM attendance_history
                WHERE guild_id = p_guild AND held_on <= r.held_on
                AND (meet_id IS NULL OR meet_id <> p_meet)
                ORDER BY cars DESC, held_on ASC, id ASC LIMIT 1;
        END IF;
        has_record := FOUND;
    END IF;
    INSERT INTO attendance_events (guild_id, meet_id, kind, member_id, delta, actor_id,
                                   reason, total_after, at)
        VALUES (p_guild, p_meet, 'checkin', p_member, 1, p_member, NULL, total, p_now);
    broken := has_record AND total > rec_cars;
    IF total <= r.high_water THEN
        UPDATE attendance_counters SET checked_in = r.checked_in + 1
            WHERE meet_id = p_meet AND guild_id = p_guild RETURNING * INTO saved;
    ELSE
        UPDATE attendance_counters SET checked_in = r.checked_in + 1, high_water = total,
            record_broken_at = CASE WHEN broken THEN p_now
                               ELSE record_broken_at END,
            record_broken_cars = CASE WHEN broken THEN total
                                 ELSE record_broken_cars END,
            record_prev_cars = CASE WHEN broken THEN rec_cars
                               ELSE record_prev_cars END,
            record_prev_label = CASE WHEN broken THEN rec_label
                                ELSE record_prev_label END,
            record_prev_on = CASE WHEN broken THEN rec_on
                             ELSE record_prev_on END,
            milestone_last = CASE WHEN step <> 0 AND total / step > r.milestone_last / step
                             THEN total / step * step ELSE milestone_last END
            WHERE meet_id = p_meet AND guild_id = p_guild RETURNING * INTO saved;
    END IF;
    -- bot/services/outbox.py MARKS['counter']: the counter message is now stale.
    INSERT INTO visible_outbox (kind, meet_id, guild_id) VALUES ('counter', p_meet, p_guild)
        ON CONFLICT (kind, meet_id) DO UPDATE SET version = visible_outbox.version + 1;
    RETURN jsonb_build_object(
        'row', to_jsonb(r), 'here', 0, 'total', total, 'after', to_jsonb(saved),
        'milestone_every', every,
        'record', CASE WHEN has_record THEN jsonb_build_object(
            'cars', rec_cars, 'label', rec_label, 'held_on', rec_on, 'meet_id', rec_meet)
        END
    );
END;
$$;
