# Paddock's messages in English, the language every other catalogue falls back to.
# Fluent syntax: https://projectfluent.org/fluent/guide/ . Placeholders are { $name };
# plural forms use selectors: { $count -> [one] … *[other] … }.
# Slash command names live in the code; other languages translate them under cmd-* keys
# (see de.ftl).

## Errors and guards (bot/render/errors.py, bot/flows/guards.py)

error-unexpected = Something went wrong on our side (error id `{ $id }`). Please try again, and quote the id to an admin if it keeps happening.
error-rsvp-cancelled = { $title } is cancelled, so RSVPs are closed.
error-rsvp-deadline = RSVPs for { $title } closed at its deadline ({ $when }). An organiser can still change your answer until it starts.
error-rsvp-started = RSVPs for { $title } closed when it started ({ $when }).
error-not-valid-here = `{ $value }` is not valid here. Pick one of the suggestions.
error-member-missing = You need the { $perms } permission for that.
error-bot-missing = I need the { $perms } permission for that. Ask a server admin.
error-cooldown = Slow down: try again in { $seconds } s.
error-no-dms = Paddock works inside a server, not in DMs.
error-check-failed = You can't use that command here.
error-no-bots = Bots can't do that.
error-manage-server = Only members with Manage Server can change Paddock's settings.
error-organisers-only = Only organisers can do that: members with Manage Events.
error-organisers-or-role = Only organisers can do that: members with Manage Events or the { $role } role.
error-restarting = Paddock is restarting; try again in a minute.

## /config (cogs/config.py, bot/render/settings.py)

config-timezone-set = Time zone set to { $zone }.
config-timezone-set-for = Time zone set to { $zone } (for { $typed }).
config-units-metric = Units set to metric.
config-units-imperial = Units set to imperial.
config-language-set = Public posts in this server are now in { $language }. Live announcements and counters follow at their next update.
config-meets-channel-set = Meets will be announced in { $channel }.
config-meets-channel-cleared = Meets channel cleared.
config-announce-channel-set = Records will be announced in { $channel }.
config-announce-channel-cleared = Announcements go to the counter's channel.
config-organizer-role-set = Organisers: { $role } and Manage Events.
config-organizer-role-cleared = Organiser role cleared.
config-announce-role-set = { $role } will be pinged when a record falls.
config-announce-role-cleared = No record pings.
config-owner-role-set = Members with a verified car get { $role } (Paddock needs Manage Roles, and its own role above that one).
config-owner-role-cleared = No role for verified owners.
config-reminders-set = Reminders: { $times }.
config-reminders-off = Reminders: off.
config-milestones-set = Milestones every { $every } cars.
config-meet-threads-on = New meets get a discussion thread; members who answer Going or Maybe are added, and reminders and changes go there.
config-meet-threads-off = New meets get no discussion thread.
config-milestones-off = Milestones off.
settings-title = Paddock settings
settings-timezone = Time zone
settings-units = Units
units-metric = metric
units-imperial = imperial
settings-language = Language of public posts
settings-language-discord = the server's Discord language
settings-meets-channel = Meets channel
settings-meets-channel-default = where /meet create runs
settings-announce-channel = Announcements channel
settings-announce-channel-default = the counter's channel
settings-organizer-role = Organiser role
settings-organizer-role-default = Manage Events only
settings-announce-role = Record-break ping
settings-announce-role-default = nobody
settings-owner-role = Verified owners' role
settings-owner-role-default = none
settings-reminders = Reminders
settings-reminders-value = { $times } before each meet
settings-off = off
settings-meet-threads = Meet threads
settings-on = on
settings-milestones = Milestones
settings-milestones-value = every { $every } cars
config-post-ahead-set = Recurring meets: each date is announced { $ahead } before it.
settings-post-ahead = Recurring meets
settings-post-ahead-value = each date announced { $ahead } before
calendar-off = The calendar feed is off: whoever runs Paddock has to set `PADDOCK_WEB_PORT` and `PADDOCK_PUBLIC_URL` (see the README, "Calendar feed and club page").
calendar-links-new = New calendar links; the old ones no longer work.
calendar-links = This server's calendar links.
calendar-links-body = **Calendar feed** (subscribe in Google Calendar, Apple Calendar or Thunderbird with "add calendar from URL"):
    { $feed }
    {"**"}Club page** (upcoming meets and records, no member names):
    { $page }
    Anyone with a link can read it. If one leaks, run this again with `regenerate:true`.

## /specs cards (bot/render/specs.py). The catalogue's own words (body, drive, engine,
## gearbox kind) arrive as { $key }, a lower-case slug, for languages that translate them.

spec-engine = Engine
spec-power = Power
spec-torque = Torque
spec-top-speed = Top speed
spec-kerb-weight = Kerb weight
spec-weight = Weight
spec-gearbox-label = Gearbox
spec-drive-label = Drive
spec-production = Production
spec-colours = Colours
spec-sources = Sources
spec-published = published: { $figure }
spec-published-at = published: { $figure } at { $rpm } rpm
spec-overboost = overboost { $torque }
spec-limited = { $speed }, limited
spec-as-option = { $speed } as an option
spec-not-published = not published
spec-engine-kind = { $litres } L { $aspiration_key ->
   *[other] { $aspiration }
} { $layout_key ->
   *[other] { $layout }
}
spec-built = { $count } built
spec-planned = { $count } planned
spec-more = +{ $count } more
spec-body = { $key ->
   *[other] { $body }
}
spec-drive = { $key ->
   *[other] { $drive }
}
spec-gearbox = { $speeds }-speed { $kind }
spec-gearbox-kind = { $key ->
   *[other] { $kind }
}
spec-footer-metric = metric units (units:imperial to switch) · { $cars }
spec-footer-imperial = imperial units (units:metric to switch) · { $cars }
spec-club-entry = Club entry
spec-club-note = **Club entry**: added by this server's club, not from Paddock's sourced catalogue
spec-built-in = Built in { $factory }
spec-top-speed-difference = { $difference } top speed
spec-against = { $other } against { $base }
spec-same-figures = Same figures.

## /specs pick list and replies (bot/render/specs_pick.py, bot/flows/specs.py)

pick-club-entry = { $detail } · club entry
pick-a-car = Pick a car
pick-a-car-between = Pick a car ({ $first } … { $last })
pick-make = **{ $make }**: { $count } cars in the catalogue. Pick one below.
pick-near-miss = No car is exactly '{ $text }' in `{ $option }`. Did you mean { $car }? Pick it below.
pick-several = '{ $text }' in `{ $option }` could be { $count } cars. Pick one below.
pick-first-only = Showing the first { $count }; type more of the name to narrow it down.
pick-nothing = (nothing)
pick-no-match = No car matches '{ $text }' in `{ $option }`: the catalogue has nothing by that name.
pick-make-has = It has { $count } { $make } { $count ->
    [one] car
   *[other] cars
}: try `/specs { $lower }`.
pick-how-to-add = Start typing and pick from the list, or ask whoever runs Paddock here to add the car as a club entry.
pick-gone = That car is no longer in the catalogue. Run `/specs` again to pick another.
specs-same-car = `compare` is the same car as `model` ({ $car }). Pick a different car to compare, or leave `compare` empty.
specs-club-garage = Club garage
garage-in-club = { $count } in this club's garage

## /about (cogs/about.py, bot/render/formatting.py)

about-description = Car specs, meets with RSVP and a live attendance counter.
about-version = Version
about-uptime = Uptime
about-latency = Gateway latency
about-measuring = measuring…
about-stored = Stored for this server
about-meets = { $count ->
    [one] { $count } meet
   *[other] { $count } meets
} ({ $upcoming } upcoming)
about-rsvps = { $count ->
    [one] { $count } RSVP
   *[other] { $count } RSVPs
}
about-counters = { $count ->
    [one] { $count } attendance counter
   *[other] { $count } attendance counters
}
about-check-ins = { $count ->
    [one] { $count } check-in
   *[other] { $count } check-ins
}
about-history = { $count ->
    [one] { $count } history entry
   *[other] { $count } history entries
}

## Garage errors (bot/services/garage/service.py)

error-garage-year-range = `year` must be between { $first } and { $last }.
error-garage-year-outside-run = The { $car } was built { $years }; `year` { $year } doesn't fit.

## Section: meets (one helper's keys; keep keys inside their section)

## End of section: meets

## Section: attendance-records (one helper's keys; keep keys inside their section)

## End of section: attendance-records

## Section: garage-register (one helper's keys; keep keys inside their section)

## End of section: garage-register

## Section: web (one helper's keys; keep keys inside their section)

## End of section: web

## Section: recurring (one helper's keys; keep keys inside their section)

recurring-ask-edit = { $meet } repeats. Change only this date ({ $date }), or this and all later dates?
recurring-ask-cancel = { $meet } repeats. Cancel only this date ({ $date }), or this and all later dates?
recurring-dates-this = This date only
recurring-dates-later = This and all later dates
error-recurring-choice-expired = These buttons have expired (after 15 minutes) or the meet is gone. Run the command again.
error-recurring-choice-not-yours = Only the organiser who ran the command can answer this.

## End of section: recurring

## Section: outbox (one helper's keys; keep keys inside their section)

## End of section: outbox

## Section: shards (one helper's keys; keep keys inside their section)

## End of section: shards
