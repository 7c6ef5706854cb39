-- PostgreSQL only (../0014_lone_press_in_one_statement.sql is empty on purpose): an RSVP
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
