-- PostgreSQL twin of ../0017_mention_names.sql: the names of members mentioned in meet
-- text, looked up when the organiser wrote it, for the calendar feed and /meet calendar.
CREATE TABLE mention_names (
    guild_id BIGINT NOT NULL,
    user_id  BIGINT NOT NULL,
    name     TEXT   NOT NULL,
    seen_at  TEXT   NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);
