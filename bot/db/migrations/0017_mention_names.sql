-- The names of members mentioned in meet text (title, place, details, a cancel's
-- reason), looked up when the organiser wrote it. The bot has no members intent, so
-- its cache lacks most members, and the calendar feed and /meet calendar, which show
-- the text outside Discord, would otherwise say "@member". Kept per server; a later
-- mention of the same member refreshes the name.
CREATE TABLE mention_names (
    guild_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    name     TEXT    NOT NULL,
    seen_at  TEXT    NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) STRICT;
