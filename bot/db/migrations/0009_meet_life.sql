-- A meet's life (issue 12): an RSVP deadline, a discussion thread, the moment its
-- announcement was shown closed, and previews (drafts) that are not meets yet.

-- NULL means "RSVPs close at the start".
ALTER TABLE meets ADD COLUMN rsvp_deadline TEXT;
-- The discussion thread under the announcement, when the server wants threads.
ALTER TABLE meets ADD COLUMN thread_id INTEGER;
-- Set once the announcement has been edited to show "RSVPs closed", so the job that
-- does it after the deadline edits each announcement once (and again after a crash
-- that came before the edit, never after it).
ALTER TABLE meets ADD COLUMN closed_shown INTEGER NOT NULL DEFAULT 0;

CREATE INDEX meets_closing ON meets (closed_shown, cancelled_at, starts_at);

ALTER TABLE guild_settings ADD COLUMN meet_threads INTEGER NOT NULL DEFAULT 0
    CHECK (meet_threads IN (0, 1));

-- What an organiser typed into /meet create or /meet edit, held until they press
-- Post (which deletes the draft in the same write that makes the meet or applies
-- the edit, so a second Post finds nothing), Discard (which deletes it), or until
-- it expires (swept away). `payload` is JSON owned by the service; `meet_id` is the
-- meet an edit draft changes (NULL for a new meet).
CREATE TABLE meet_drafts (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    meet_id     INTEGER REFERENCES meets (id) ON DELETE CASCADE,
    payload     TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL
) STRICT;

CREATE INDEX meet_drafts_expiry ON meet_drafts (expires_at);
