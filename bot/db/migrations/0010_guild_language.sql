-- The language a server's public posts are written in ('en', 'de', …: bot/i18n's
-- LANGUAGES). NULL means the server never chose one: Paddock follows the server's
-- preferred locale from Discord, and English where it has no catalogue for that.
ALTER TABLE guild_settings ADD COLUMN language TEXT
    CHECK (language IS NULL OR (length(language) BETWEEN 2 AND 8 AND language = lower(language)));
