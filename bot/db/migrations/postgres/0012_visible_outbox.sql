-- PostgreSQL twin of ../0012_visible_outbox.sql (conventions in 0001_init.sql): what
-- members see that is behind what is stored, marked in the changing transaction.
CREATE TABLE visible_outbox (
    kind     TEXT    NOT NULL CHECK (kind IN ('announcement', 'event', 'counter')),
    meet_id  BIGINT  NOT NULL REFERENCES meets(id) ON DELETE CASCADE,
    guild_id BIGINT  NOT NULL,
    version  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (kind, meet_id)
);
