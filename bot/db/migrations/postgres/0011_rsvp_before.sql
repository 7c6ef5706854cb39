-- PostgreSQL twin of ../0011_rsvp_before.sql (conventions in 0001_init.sql).
ALTER TABLE meet_rules ADD COLUMN rsvp_before_min INTEGER
    CHECK (rsvp_before_min IS NULL OR rsvp_before_min BETWEEN 5 AND 40320);
