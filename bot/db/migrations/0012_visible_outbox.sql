-- What members see (a meet's announcement, its Discord event, its attendance counter)
-- that is behind what is stored. A mark is written in the same transaction as the
-- change that makes the message stale, and deleted only after Discord confirmed an
-- edit made from a state read after the mark: so a crash, whenever it comes, leaves
-- the mark behind for the next start to finish. `version` goes up with every mark, so
-- an edit rendered from an older state never clears a newer mark.
CREATE TABLE visible_outbox (
    kind     TEXT    NOT NULL CHECK (kind IN ('announcement', 'event', 'counter')),
    meet_id  INTEGER NOT NULL REFERENCES meets(id) ON DELETE CASCADE,
    guild_id INTEGER NOT NULL,
    version  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (kind, meet_id)
) STRICT;
