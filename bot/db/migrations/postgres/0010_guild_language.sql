-- PostgreSQL twin of ../0010_guild_language.sql: the language of a server's public
-- posts; NULL follows the server's preferred locale from Discord.
ALTER TABLE guild_settings ADD COLUMN language TEXT
    CHECK (language IS NULL OR (length(language) BETWEEN 2 AND 8 AND language = lower(language)));
