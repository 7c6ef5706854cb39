-- The garage: members' cars per server. `model_id` is the catalogue id, NULL for a
-- car the catalogue lacks (then `model` is the member's own text). The VIN is
-- private (shown only to its owner) and unique per server; NULLs don't collide.
CREATE TABLE garage_cars (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    model_id    TEXT,
    model       TEXT    NOT NULL CHECK (length(model) BETWEEN 1 AND 120),
    make        TEXT,
    colour      TEXT    NOT NULL CHECK (length(colour) BETWEEN 1 AND 50),
    year        INTEGER,
    nickname    TEXT    NOT NULL DEFAULT '' CHECK (length(nickname) <= 50),
    vin         TEXT    CHECK (vin IS NULL OR length(vin) = 17),
    verified_at TEXT,
    verified_by INTEGER,
    created_at  TEXT    NOT NULL,
    UNIQUE (guild_id, vin)
) STRICT;

CREATE INDEX garage_cars_by_owner ON garage_cars (guild_id, user_id);
CREATE INDEX garage_cars_by_model ON garage_cars (guild_id, model_id, colour);

-- Per member and server: whether organisers may see the VIN's last 7 characters,
-- and departures. Paddock has no members intent, so a departure is what a periodic
-- REST check found (`checked_at`), not an event.
CREATE TABLE garage_members (
    guild_id      INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    show_vin_tail INTEGER NOT NULL DEFAULT 0 CHECK (show_vin_tail IN (0, 1)),
    left_at       TEXT,
    checked_at    TEXT    NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) STRICT;

CREATE INDEX garage_members_by_check ON garage_members (checked_at);
CREATE INDEX garage_members_left ON garage_members (left_at) WHERE left_at IS NOT NULL;

-- The garage car a member picked for a meet (My car…). It counts while the RSVP's
-- car text still equals `car_text`.
CREATE TABLE meet_rsvp_cars (
    meet_id  INTEGER NOT NULL REFERENCES meets (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL,
    car_id   INTEGER NOT NULL REFERENCES garage_cars (id) ON DELETE CASCADE,
    car_text TEXT    NOT NULL,
    PRIMARY KEY (meet_id, user_id)
) STRICT;

CREATE INDEX meet_rsvp_cars_by_car ON meet_rsvp_cars (car_id);

-- The role Paddock gives verified owners (/config owner-role).
ALTER TABLE guild_settings ADD COLUMN owner_role_id INTEGER;
