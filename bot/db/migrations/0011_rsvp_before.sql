-- A recurring meet's RSVP deadline (issue 15): minutes before each date's start, on
-- the wall clock of the rule's zone ("2 days before" stays Friday 10:00 for a Sunday
-- 10:00 meet across a clock change). Each date made gets its own rsvp_deadline from
-- it; NULL means RSVPs close at each date's start.
ALTER TABLE meet_rules ADD COLUMN rsvp_before_min INTEGER
    CHECK (rsvp_before_min IS NULL OR rsvp_before_min BETWEEN 5 AND 40320);
