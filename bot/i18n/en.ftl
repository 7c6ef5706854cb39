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

att-cars = { $count ->
    [one] { $count } car
   *[other] { $count } cars
}
att-whole-server = the whole server
att-arrival-checkin = 🚗 { $member } checked in: car { $car } · { $when }
att-arrival-checkout = ↩️ { $member } checked out · { $when }
att-arrival-void = 🚫 { $member }'s check-in removed → { $total } · { $when }
att-arrival-staff = 🧮 staff { $delta } → { $total } · { $when }
att-correction-void = removed { $member }'s check-in by { $actor } → { $total } · { $when }
att-correction-staff = staff { $delta } by { $actor } → { $total } · { $when }
att-tally = { $checked_in } checked in · staff tally { $staff }
att-final = Final: { $cars }
att-new-record-heading = 🏁 **New record!**
att-counter-title = Live attendance · { $title }
att-record-to-beat = Record to beat
att-no-record-yet = No earlier meets on record yet: this one sets it.
att-previous-record = Previous record
att-progress = Progress
att-progress-value = { $total } / { $record } record
att-nobody-yet = Nobody yet. Press **I'm here**!
att-last-arrivals = Last arrivals
att-counter-stopped = counter stopped
att-status-title = Attendance · { $title }
att-cars-label = Cars
att-checked-in = Checked in
att-staff-tally = Staff tally
att-highest-today = Highest today
att-none-yet = none yet
att-counter = Counter
att-live-since = live in { $channel } since { $when }
att-stopped-at = stopped { $when }
att-stopped = stopped
att-last-corrections = Last corrections
att-record-new = 🏁 New club record: { $cars } at { $title }.
att-record-now = 🏁 New club record at { $title }: now { $cars }!
att-record-final = 🏁 New club record at { $title }: final { $cars }{ $peak }.
att-record-stands = 🏁 The club record stands at { $title }: final { $cars }{ $peak } after corrections. The record is still { $record }.
att-record-peak = ; peak { $peak }
att-record-previous = Previous record: { $record }.
att-milestone = 🚗 { $cars } at { $title }!
att-summary-final = Final: { $cars }.
att-summary-final-peak = Final: { $cars } (peak { $peak }).
att-summary-first = First meet on record for { $series }.
att-summary-first-server = First meet on record for the whole server.
att-summary-new-record = New club record, +{ $margin } over the { $previous } set at { $label }.
att-summary-level = Level with the club record of { $previous } set at { $label }.
att-summary-stays = The club record stays { $previous }, set at { $label }.
att-reply-checked-in = You're checked in: car { $car }. { $cars } here now.
att-reply-checked-out = You're checked out. { $cars } here now.
att-reply-not-in = You weren't checked in, so there was nothing to undo.
att-reply-already-in = You're already checked in (car { $car }). Leaving? Check out below.
att-reply-staff = Staff tally { $delta }: { $cars } now.
att-reply-adjust = Staff tally { $delta }. Now { $cars }: { $checked_in } checked in, staff tally { $staff }.
att-reply-adjust-limited = Staff tally { $delta } (limited to { $delta }: the count stays between 0 and 100 000). Now { $cars }: { $checked_in } checked in, staff tally { $staff }.
att-reply-void = Removed { $member }'s check-in: { $cars } now ({ $checked_in } checked in, staff tally { $staff }). They can check in again if they arrive.
att-void-not-in = { $member } isn't checked in, so there was nothing to remove.
att-history-title = Attendance records · { $series }
att-club-record = Club record
att-imported = imported
att-counted-live = counted live
att-earlier-not-shown = … { $count ->
    [one] { $count } earlier meet
   *[other] { $count } earlier meets
} not shown
att-started = Counter for { $title } is live in { $channel }: { $url }
att-reopened = Counter (reopened) for { $title } is live in { $channel }: { $url }
records-none = No attendance history for { $series } yet. Organisers can add past meets with /records import, and /attendance stop adds live ones.
records-none-server = No attendance history for the whole server yet. Organisers can add past meets with /records import, and /attendance stop adds live ones.
records-all-meets = All meets
records-imported = Imported { $cars } at { $label } ({ $day }).
records-standing = The record for { $series } is { $record }.
records-standing-server = The record for the whole server is { $record }.
records-removed = Removed { $label } ({ $day }, { $cars }) from the history.
chart-record = record { $cars }
chart-cars = cars
chart-no-series = no series
error-att-channel = `channel`: pick a text channel for the counter.
error-att-cannot-post = I couldn't post the counter in { $channel }. Check that I can send messages and embeds there, then try again.
error-att-no-counter = That meet has no attendance counter. Organisers start one with /attendance start.
error-att-none-live = No attendance counter is live in this server right now.
error-att-several-live = `meet`: several counters are live here; pick the meet you're at.
error-att-cancelled = { $title } was cancelled; there's nothing to count.
error-att-already-stopped = That counter has already stopped. Start it again to reopen it.
error-att-cars-change = `cars`: a change from -100 000 to 100 000, not 0; e.g. `3` or `-2`.
error-att-stopped = This counter has stopped; the final count is in /records show.
error-att-zero-no-car = The count is already 0, so there is no car to take away.
error-att-zero = The count is already 0; there is nothing to take away.
error-att-maximum = The counter is at its maximum of 100 000 cars.
error-records-count = `count`: a number of cars from 0 to 100 000.
error-records-date-unreadable = `date`: `{ $text }` is not a date I can read. Use YYYY-MM-DD, e.g. `2023-08-26`.
error-records-date-missing = `date`: { $text } does not exist. Use YYYY-MM-DD, e.g. `2023-08-26`.
error-records-date-future = `date`: { $text } is in the future; import meets that already happened. A live meet is counted with /attendance start.
error-records-date-early = `date`: { $text } is before 1900. Use YYYY-MM-DD, e.g. `2023-08-26`.
error-records-duplicate = { $label } on { $day } is already in the history; remove it first with /records remove to change it.
error-records-no-import = No imported meet with that id here. Pick one from the list.
error-records-no-single-import = `entry`: no single imported meet matches `{ $text }`. Pick one from the list.

## End of section: attendance-records

## Section: garage-register (one helper's keys; keep keys inside their section)

garage-verified = ✅ verified
garage-not-verified = not verified
garage-not-in-catalogue = not in the catalogue
garage-specs-line = Specs: `/specs model:{ $model }`
garage-vin-own = VIN `{ $vin }` (only you see this)
garage-vin-tail = VIN on file, ends `{ $tail }`
garage-title = { $owner }'s garage
garage-empty = No cars yet. Add one with `/garage add`.
garage-footer = { $count } of { $max } cars · { $verified } verified
garage-added = Added { $title } ({ $colour }) to your garage.
garage-added-not-in-catalogue = It is not in the catalogue, so it has no /specs card.
garage-added-vin = Its VIN is stored privately: only you see it; organisers see its last 7 characters only if you allow it with /garage privacy.
garage-and-more = … and { $count } more
garage-unknown-year = unknown
garage-share = This club has { $cars } of the { $production } { $model } built: { $share } %
garage-register-title = Club register · { $what }
garage-whole-garage = the whole garage
garage-register-empty = No members' cars registered yet. Add yours with `/garage add`.
garage-register-summary = **{ $cars }** members' cars, { $owners } owners, { $verified } verified, { $unverified } not verified
garage-by-model = By model
garage-by-colour = By colour
garage-by-year = By year
garage-colours-title = { $model } · the club's cars by factory colour
garage-colours-none = The catalogue lists no factory colours for this model yet.
garage-colours-other = Other colours members gave
garage-pick-other = Other car…
garage-pick-other-hint = Type it in a form
garage-pick-placeholder = Which car are you bringing?
garage-saved = Saved { $model } ({ $colour }).
garage-saved-reverify = Saved { $model } ({ $colour }). A changed model or VIN needs verifying again.
garage-removed = Removed { $model } ({ $colour }).
garage-privacy-on = Organisers can now see that your cars' VINs are on file and their last 7 characters.
garage-privacy-off = Nobody but you sees anything of your VINs.
garage-verified-done = Verified { $member }'s { $model } ({ $colour }).
garage-unverified-done = Took the verified mark from { $member }'s { $model } ({ $colour }).
garage-vin-cleared = Removed the VIN from { $member }'s { $model } ({ $colour }); it is no longer verified. The VIN can now be added to another garage.
garage-role-gone = The verified owners' role from /config owner-role no longer exists; set it again.
garage-role-forbidden = I couldn't change the { $role } role: Paddock needs Manage Roles, and its own role must be above that one. Verification is saved either way; I'll say this only once.
register-all-members-cars = All members' cars
chart-others = others
chart-by-colour = by colour
chart-by-year = by year
chart-verified = verified ({ $count })
chart-not-verified = not verified ({ $count })
error-garage-pick-car = Pick the car from the list as you type.
error-garage-not-theirs = That car isn't in { $member }'s garage. Pick one from the list.
error-garage-no-vin = That car has no VIN on file.
error-garage-full = Your garage is full: { $max } cars is the limit. Remove one with /garage remove first.
error-garage-vin-own = That VIN is already on another car in your garage.
error-garage-vin-taken = That VIN is already in another member's garage in this server. If the car is yours (bought from them, or a typo on their side), ask an organiser: they can check the papers and free it with /garage clear-vin, then add it again.
error-garage-car-not-found = I don't know that car in your garage. Pick one from the list.
error-vin-length = A VIN has 17 characters; that one has { $count }. Copy it from the registration papers or the windscreen.
error-vin-ioq = A VIN never contains the letters I, O or Q (they look like 1 and 0); check those characters.
error-vin-characters = A VIN has only the letters A-Z (no I, O, Q) and the digits 0-9.
error-vin-check-digit = That VIN's check digit (the 9th character) doesn't match the rest, so one character is mistyped. Check it against the registration papers.
error-vin-make = That VIN's manufacturer code belongs to { $read }, not { $make }. Check the VIN, or pick the right model.
error-register-not-in-catalogue = That model isn't in the catalogue, so its factory colours aren't known. Pick a model from the list.

error-zone-none = Give a time zone, e.g. `Europe/Berlin` or `America/New_York`.
error-zone-unknown = `{ $text }` is not a time zone I know. Pick one from the list, e.g. `Europe/Berlin` or `America/New_York`.
error-reminders-unreadable = `{ $text }` is not a reminder time. Use hours or minutes before the meet, e.g. `24h, 1h` or `90m`, or `off`.
error-reminders-range = Reminders must be between 5 minutes and 14 days before the meet.
error-reminders-many = At most { $max } reminders per meet.
error-post-ahead-unreadable = `{ $text }` is not a time ahead. Use days or hours, e.g. `7d` or `48h`.
error-post-ahead-range = Announce recurring meets from 1 hour to 28 days ahead.
error-units = Units must be `metric` or `imperial`.
error-language = Paddock speaks { $languages }.
error-milestones = Milestones must be every 1 to 10 000 cars, or 0 to turn them off.
error-text-invisible = `{ $name }` can't be empty: it has only invisible or filler characters. Please type something members can read.
error-text-empty = `{ $name }` can't be empty.
error-text-too-long = `{ $name }` is { $length } characters; the limit is { $limit }. Please shorten it.

## End of section: garage-register

## Section: web (one helper's keys; keep keys inside their section)

web-title = Club meets
web-times-in = Times are in { $zone }.
web-upcoming = Upcoming meets
web-repeats = repeats
web-cancelled = cancelled
web-map = map
web-map-of = of { $location }
web-going = { $count } going
web-places-left = { $count ->
    [one] { $count } place left
   *[other] { $count } places left
}
web-no-meets = No meets planned yet.
web-records = Attendance records
web-record-line = Record: { $cars } at { $label }, { $day }.
web-no-records = No attendance recorded yet.
web-footer = Subscribe to these meets in your calendar app with the club's calendar link (ask an organiser). Served by Paddock.
web-chart-alt = Bar chart of cars at the last { $count } meets of { $name }.
web-chart-alt-record = The record is { $cars } cars.
web-chart-alt-latest = Latest: { $counts }.
web-chart-title = { $series }: cars per meet
web-feed-name = Club meets (Paddock)
web-feed-announcement = Announcement: { $url }

## End of section: web

## Section: recurring (one helper's keys; keep keys inside their section)

recurring-ask-edit = { $meet } repeats. Change only this date ({ $date }), or this and all later dates?
recurring-ask-cancel = { $meet } repeats. Cancel only this date ({ $date }), or this and all later dates?
recurring-dates-this = This date only
recurring-dates-later = This and all later dates
error-recurring-choice-expired = These buttons have expired (after 15 minutes) or the meet is gone. Run the command again.
error-recurring-choice-not-yours = Only the organiser who ran the command can answer this.
error-recurring-rsvp-before-range = `rsvp_by`: RSVPs can close from 5 minutes to 28 days before each date.
error-recurring-rsvp-before-first = `rsvp_by`: the first date's RSVPs would already be closed. Give a shorter time before, e.g. `1 day before`.
error-recurring-rsvp-before-this = `rsvp_by`: this date's RSVPs would already be closed. Give a shorter time before, or change a later date.
error-recurring-rsvp-before-ahead = `rsvp_by`: each date is announced { $ahead } before it, so RSVPs must close less than that before it, e.g. `1 day before`.
error-recurring-rsvp-offset = `rsvp_by`: a recurring meet needs a time before each date, e.g. `2 days before` or `12h before`.
error-recurring-rsvp-needs-when = `rsvp_by`: `{ $typed }` is counted from the start, so give `when` too.
recurring-rsvp-before = RSVPs close { $before } before each date.
recurring-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
recurring-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
recurring-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
error-recurring-later-ends = `ends` changes one date only; leave `dates` out or choose this date only.
recurring-preview-later = These changes apply to this date and all later dates: { $rule }.
recurring-preview-later-kept = Later dates that members have already answered keep their time; their members are told.
recurring-preview-repeats = Repeats { $rule }; each date is a meet of its own.

## End of section: recurring

## Section: outbox (one helper's keys; keep keys inside their section)

## End of section: outbox

## Section: shards (one helper's keys; keep keys inside their section)

## End of section: shards
