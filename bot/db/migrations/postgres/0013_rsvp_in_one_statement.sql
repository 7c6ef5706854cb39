-- PostgreSQL only (../0013_rsvp_in_one_statement.sql is empty on purpose): an RSVP in
-- one round trip. MeetService.rsvp ran the meet's lock, the member's answer with the
-- next place in line, and the upsert as three statements, each a round trip in which
-- a bot process with nothing else to do goes to sleep and wakes again (bench/shards.py
-- counts both); with presses spread over several processes, those wake-ups were what
-- its CPU per press grew by.
--
-- The rules stay the service's: it checks every answer this function writes against
-- its own decision from the meet and the answer returned here, and fails the write
-- (rolling this back) if they differ. What the function decides is exactly
-- MeetService._next_status and the checks before it.
--
-- Correct by the meet's row lock, as the service's statements were: the FOR UPDATE
-- comes first; each later statement of this VOLATILE function takes a new snapshot
-- (READ COMMITTED), so it sees every answer committed before the lock was granted.
CREATE FUNCTION paddock_rsvp(
    p_guild BIGINT,
    p_meet BIGINT,
    p_user BIGINT,
    p_answer TEXT,          -- NULL: keep the answer, change the car only
    p_name TEXT,
    p_car TEXT,             -- NULL: keep the car
    p_passengers INTEGER,   -- NULL: keep the passengers
    p_now TEXT,
    p_organiser BOOLEAN
) RETURNS JSONB LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    m meets;
    prev meet_rsvps;
    saved meet_rsvps;
    had_prev BOOLEAN;
    next_status TEXT;
    next_seq INTEGER;
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
    RETURN jsonb_build_object(
        'meet', to_jsonb(m), 'old', CASE WHEN had_prev THEN to_jsonb(prev) END, 'new', to_jsonb(saved)
    );
END;
$$;
