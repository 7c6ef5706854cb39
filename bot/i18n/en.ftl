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
config-milestones-set = Milestones { $every ->
    [one] at every car
   *[other] every { $every } cars
}.
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
settings-milestones-value = { $every ->
    [one] at every car
   *[other] every { $every } cars
}
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
spec-engine-kind = { $litres }-litre { $aspiration_key ->
    [naturally-aspirated] naturally aspirated
   *[other] { $aspiration }
} { $layout_key ->
    [inline-3] inline-three
    [inline-4] inline-four
    [inline-5] inline-five
    [inline-6] inline-six
    [flat-4] flat-four
    [flat-6] flat-six
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
spec-club-note = **Club entry**: added by whoever runs Paddock here, not from Paddock's sourced catalogue
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

# Buttons and forms (bot/render/views.py). Custom ids never change with the language.
meets-button-going = Going
meets-button-maybe = Maybe
meets-button-no = Can't go
meets-button-car = My car…
meets-button-car-going = I'm going, with my car…
meets-button-post = Post
meets-button-change = Change…
meets-button-discard = Discard
meets-button-here = I'm here
meets-button-plus-one = +1
meets-button-plus-five = +5
meets-button-minus-one = −1
meets-button-check-out = Check out
meets-car-form = My car
meets-car-form-going = I'm going, with my car
meets-car-form-car = Car
meets-car-form-car-example = e.g. BMW 1M, Valencia Orange
meets-car-form-passengers = Passengers (0-{ $most })
meets-form-new = New meet
meets-form-edit = Change the meet
meets-form-title = Title
meets-form-title-example = e.g. Spring drive to the Eifel
meets-form-when = When (in the server's time zone)
meets-form-when-example = e.g. saturday 10:00 or 2027-08-21 10:00
meets-form-where = Where
meets-form-where-example = An address, a place name or a map link
meets-form-description = Description
meets-form-description-example = Route, costs, what to bring

# The announcement and other meet embeds (bot/render/meets.py)
meets-nobody-yet = nobody yet
meets-more = +{ $count } more
meets-going-no-limit = { $count } going (no limit)
meets-open-in-maps = [Open in maps](<{ $url }>)
meets-when-line = { $start } to { $end } ({ $relative })
meets-cancelled-title = Cancelled: { $title }
meets-when = **When:** { $when }
meets-where = **Where:** { $where }
meets-is-cancelled = **This meet is cancelled.**
meets-is-cancelled-because = **This meet is cancelled: { $reason }**
meets-rsvps-closed = **RSVPs closed.**
meets-rsvp-by = **RSVP by:** { $when }
meets-talk = **Talk:** { $thread }
meets-places = Places
meets-waiting = Waiting
meets-maybe = Maybe
meets-going-count = Going ({ $count })
meets-maybe-count = Maybe ({ $count })
meets-waitlist-count = Waitlist ({ $count })
meets-no-count = Can't go ({ $count })
meets-number = Meet #{ $id }
meets-preview-footer = Preview
meets-preview-new = **Preview:** nobody sees this meet until you press **Post**.
meets-preview-edit = **Preview:** nobody sees these changes until you press **Post**.
meets-preview-starts = Starts **{ $when }**
meets-preview-closes = RSVPs close { $when }
meets-preview-closes-at-start = RSVPs close at the start, { $when }
meets-preview-expires = This preview expires in { $minutes } minutes.
meets-field-when = When
meets-field-where = Where
meets-field-cancelled = Cancelled
meets-no-reason = no reason given
meets-field-series = Series
meets-field-announcement = Announcement
meets-jump = [Jump to it]({ $url })
meets-places-taken = { $going }/{ $capacity } places taken
meets-going = { $count ->
    [0] nobody going yet
   *[other] { $count } going
}
meets-going-short = { $count } going
meets-upcoming = Upcoming meets
meets-none-planned = No meets planned yet. Organisers can start one with `/meet create`.
meets-status-cancelled = **cancelled**
meets-announcement-link = [announcement]({ $url })
meets-cancelled-mark = [cancelled] { $name }
meets-list-more = and { $count } more; pick one in /meet info
meets-mine-title = Your meets
meets-mine-none = You haven't answered any upcoming meet. `/meet list` shows what's planned.
meets-mine-going = going
meets-mine-maybe = maybe
meets-mine-no = not going
meets-mine-cancelled = cancelled
meets-mine-waitlist = #{ $position } on the waitlist
meets-attendees-title = Attendees: { $title }
meets-attendees-summary = { $places } · { $waiting } waiting · { $maybe } maybe · { $no } can't go
meets-attendees-footer = Meet #{ $id } · { $cars ->
    [one] { $cars } car
   *[other] { $cars } cars
}, { $passengers } passengers · use export:true for the full CSV

# What a member is told after answering (bot/render/meets.py). $who is "you" for the
# member themself, "they" for a member an organiser answered for ($member mentions them).
meets-rsvp-going-places = { $who ->
    [you] You're
   *[they] { $member } is
} going: { $going }/{ $capacity } places taken.
meets-rsvp-going = { $who ->
    [you] You're
   *[they] { $member } is
} going, { $others ->
    [0] the first one so far.
    [one] with { $others } other.
   *[other] with { $others } others.
}
meets-rsvp-waitlist = The meet is full: { $who ->
    [you] you're #{ $position } on the waitlist. You'll
   *[they] { $member } is #{ $position } on the waitlist. They'll
} be told if a place opens up.
meets-rsvp-maybe-places = { $who ->
    [you] You're
   *[they] { $member } is
} a maybe. { $left } of { $capacity } places are still free.
meets-rsvp-maybe = { $who ->
    [you] You're
   *[they] { $member } is
} a maybe ({ $so_far }).
meets-rsvp-no = { $who ->
    [you] You're not going. Thanks for letting the organisers know.
   *[they] { $member } is not going.
}

# Notices to members: promotions, changes, cancellations, reminders (public posts or DMs)
meets-promoted = A place opened up: you're now going to { $meet }. If you can't make it, press Can't go so the next in line gets it.
meets-promoted-places = A place opened up: you're now going to { $meet } ({ $going }/{ $capacity }). If you can't make it, press Can't go so the next in line gets it.
meets-changed-time = Change to { $meet }: it now starts { $when }.
meets-changed-place = Change to { $meet }: it now meets at { $where }.
meets-changed-time-place = Change to { $meet }: it now starts { $when } and now meets at { $where }.
meets-cancelled-notice = { $meet } on { $when } is cancelled.
meets-cancelled-notice-reason = { $meet } on { $when } is cancelled. Reason: { $reason }
meets-reminder = Reminder: **{ $title }** starts { $relative } ({ $when }) at { $where }.

# Recurring meets (bot/render/series.py)
meets-rule-weekly = { $every ->
    [1] every
   *[other] every { $every } weeks on
} { $day } at { $at }
meets-rule-monthly-date = { $every ->
    [1] every month
   *[other] every { $every } months
} on the { $date ->
    [1] 1st
    [2] 2nd
    [3] 3rd
    [21] 21st
    [22] 22nd
    [23] 23rd
   *[other] { $date }th
} at { $at }
meets-rule-monthly-date-short = { $every ->
    [1] every month
   *[other] every { $every } months
} on the { $date ->
    [31] 31st
   *[other] { $date }th
} (the last day in shorter months) at { $at }
meets-rule-monthly-weekday = { $every ->
    [1] every
   *[other] every { $every } months on the
} { $nth ->
    [1] first
    [2] second
    [3] third
    [4] fourth
   *[other] last
} { $day } at { $at }
meets-rule-until = , until { $date }
meets-rule-times = , { $count } times
meets-no-more-dates = no more dates
meets-repeats = Repeats { $rule }
meets-field-repeats = Repeats
meets-repeat-field = { $rule }
    Next:
    { $dates }
meets-kept-time = { $meet } changed its time: it now repeats { $rule }. Your date, { $when }, keeps its time since members had already answered it.
meets-series-updated = Updated this and all later dates: { $rule }.
meets-series-moved = Moved { $count ->
    [one] { $count } date
   *[other] { $count } dates
} nobody had answered yet.
meets-series-kept = { $count ->
    [one] { $count } date with answers keeps its time
   *[other] { $count } dates with answers keep their time
}; told { $told ->
    [one] { $told } member
   *[other] { $told } members
}. Move one with `dates: this date only` if needed.

# Replies to members and organisers (bot/flows/meets/, cogs/meets.py)
meets-car-saved = Car details saved.
meets-which-car = Which car are you bringing to { $meet }?
meets-answer-first = You haven't answered { $meet } yet. Press **Going** or **Maybe** first, then **My car…**; or say you're going and add your car in one step:
meets-event-rsvp = RSVP: { $url }
meets-event-no-permission = I couldn't add this meet to the server's Events tab: I need the **Manage Events** permission for that. Everything else works without it; I won't mention it again.
meets-preview-where = It will be posted in { $channel }.
meets-updated = Updated { $meet }.{ $told ->
    [0] {""}
    [one] {" "}Told { $told } member going, waiting or maybe.
   *[other] {" "}Told { $told } members going, waiting or maybe.
}
meets-discarded = Discarded. Nothing was posted or changed.
meets-not-posted = Nothing was posted. { $error } Then run /meet create again.
meets-announced = Announced { $meet } for { $when } in { $channel }.
meets-announced-repeats = { $repeats }; each later date is announced { $ahead } before it.
meets-cancelled-dates = Cancelled { $count ->
    [one] { $count } date
   *[other] { $count } dates
} of { $meet } from { $when } on; no more dates will be made. Told { $told ->
    [one] { $told } member
   *[other] { $told } members
}.
meets-cancelled-reply = Cancelled { $meet }; told { $told ->
    [one] { $told } member
   *[other] { $told } members
}.
meets-cars-going = Cars going
meets-calendar-file = Open the file to add { $meet } to your calendar.
meets-notify-dm = I'll DM you about your meets here (and mention you in the meet channel if your DMs are closed).
meets-notify-channel = I'll mention you in the meet channel about your meets here.

# Errors of /meet and /rsvp (cogs/meets.py, bot/flows/)
error-meets-member-bot = `member`: bots don't come to meets. Pick a member.
error-meets-no-channel = `channel`: pick a text channel for the announcement.
error-meets-cannot-post = `channel`: I can't post in { $channel }. I need View Channel, Send Messages and Embed Links there; or pick another channel.
error-meets-unknown-garage-car = I don't know that car in your garage. Press My car… again.
error-meets-series-did-you-mean = `series`: did you mean **{ $suggestion }**? Pick it from the list so this counts towards its record. If `{ $name }` is a new series, send the same command again within { $minutes } minutes and I'll start it.
error-meets-pick-meet = `meet`: pick a meet from the list.
error-meets-ambiguous = `meet`: there are { $count ->
    [2] two
   *[other] several
} meets called `{ $text }`. Pick the one you mean from the list.
error-meets-unknown-title = `meet`: I don't know a meet called `{ $text }` in this server. Pick one from the list.
error-meets-does-not-repeat = That meet doesn't repeat; leave `dates` out.
error-meets-ends-needs-when = `ends` needs `when` too, so I know what it ends after.
error-meets-repeat-options-alone = `every`, `until` and `times` go with `repeat`; choose a repeat too.
error-meets-series-one-date = `series` changes one date's records series; leave `dates` empty to change this date.
meets-attendees-file = meet-{ $id }-attendees.csv
meets-calendar-filename = meet-{ $id }.ics

# Errors of the meet services (bot/services/meets/, bot/services/ids.py, bot/errors.py)
-when-example = `2027-08-21 10:00`, `21.08.2027 10:00` or `next saturday 10:00`
error-meets-not-found = I don't know that meet in this server. Pick one from the list.
error-meets-needs-answer = Answer { $title } first: press Going or Maybe, then My car… to add your car.
error-meets-bad-answer = Answer going, maybe or no.
error-meets-preview-expired = This preview has expired or was already used. Run the command again.
error-meets-preview-not-yours = Only the organiser who made this preview can use its buttons.
error-meets-capacity = `capacity` must be a whole number from { $least } to { $most } cars (got { $got }).
error-meets-passengers-number = `passengers` must be a number from 0 to { $most } (got `{ $got }`).
error-meets-passengers-range = `passengers` must be from 0 to { $most } (got { $got }).
error-meets-when-past = `when` is in the past. Give a future time, e.g. `next saturday 10:00`.
error-meets-when-too-far = `when` is more than 5 years away. Plan meets up to 5 years ahead.
error-meets-ends-before-start = `ends`: the end must be after the start, e.g. `3h` or `16:00`.
error-meets-ends-too-long = `ends`: a meet can last at most 2 days. Try e.g. `3h`.
error-meets-rsvp-by-after-start = `rsvp_by`: the RSVP deadline must be at or before the start of the meet.
error-meets-rsvp-by-past = `rsvp_by` is in the past. Give a future time before the start.
error-meets-when-missing = `when` is missing. Try e.g. `next saturday 10:00`.
error-meets-nothing-to-change = Nothing to change: give at least one of title, when, location, capacity, description or series.
error-meets-edit-cancelled = That meet is cancelled; it can't be edited.
error-meets-already-cancelled = That meet is already cancelled.
error-meets-bad-via = `via` must be `channel` or `dm`.
error-meets-no-such-series = That recurring meet doesn't exist in this server.
error-meets-series-keep-date = `when`: for this and all later dates only the time of day can change, so keep the date { $date }. To move the series to other days, cancel this and later dates and create a new repeat; to move only this date, choose `this date only`.
error-meets-series-nothing-to-change = Nothing to change: give at least one of title, when, location, capacity, description or rsvp_by.
error-meets-not-a-series = That meet doesn't repeat; choose `this date only`.
error-meets-date-cancelled = That date is cancelled; pick a date that isn't.
error-meets-repeat-kind = `repeat`: choose weekly, monthly on a date, or monthly on a weekday.
error-meets-repeat-choice = `repeat`: choose one of the offered repeats.
error-meets-every-range = `every`: repeat every 1 to { $most } weeks or months.
error-meets-times-range = `times`: give a number of dates from 2 to { $most }.
error-meets-until-or-times = Give either `until` or `times`, not both.
error-meets-until-not-after = `until`: { $until } is not after the first date ({ $first }).
error-meets-not-last-weekday = `when`: { $day } is not the last { $weekday } of its month; start on a last one, or repeat on its number (first, second...).
error-meets-fifth-weekday = `when`: { $day } is the fifth { $weekday }, which most months don't have. Repeat on the last one instead.
error-meets-until-unreadable = `until`: `{ $text }` is not a date I can read. Give a date like `2027-12-31` or `31.12.2027`.
error-meets-until-no-such-day = `until`: { $text } doesn't exist. Give a date like `2027-12-31` or `31.12.2027`.
error-meets-when-skipped = `when`: { $wall } doesn't exist in { $zone }: the clocks go forward that night and skip that hour. Did you mean `{ $instead }` ({ $abbreviation })?
error-meets-not-a-time = `when`: `{ $text }` is not a time of day. Try { -when-example }.
error-meets-when-unreadable = `when`: I can't read `{ $text }` as a time. Try { -when-example }.
error-meets-weekday-mismatch = `when`: { $date } is a { $weekday }, not a { $wanted }. Check the date or leave the weekday out.
error-meets-when-empty = `when` is empty. Try { -when-example }.
error-meets-what-time = At what time on { $day }? e.g. `{ $example }`
error-meets-when-out-of-range = `when`: that date is out of range. Try { -when-example }.
error-meets-when-in-past = `when`: { $wall } ({ $zone }) is in the past. Give a future time, e.g. { -when-example }.
error-meets-when-years-away = `when`: { $wall } is more than 5 years away. Try e.g. { -when-example }.
error-meets-ends-length = `ends`: give a length such as `3h` or `90m`, or a time.
error-meets-ends-unreadable = `ends`: I can't read `{ $text }` as a length or a time. Type e.g. `3h`, `90m` or `16:00`.
meets-note-twice = { $wall } happens twice in { $zone } (the clocks go back that night); I used the first one, { $abbreviation } (UTC{ $offset }).

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
att-reply-adjust-limited = Staff tally { $delta }, not { $asked }: the count stays between 0 and 100,000. Now { $cars }: { $checked_in } checked in, staff tally { $staff }.
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
error-att-cars-change = `cars`: a change from -100,000 to 100,000, not 0; e.g. `3` or `-2`.
error-att-stopped = This counter has stopped; the final count is in /records show.
error-att-zero-no-car = The count is already 0, so there is no car to take away.
error-att-zero = The count is already 0; there is nothing to take away.
error-att-maximum = The counter is at its maximum of 100,000 cars.
error-records-count = `count`: a number of cars from 0 to 100,000.
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
garage-added = Added { $title } in { $colour } to your garage.
garage-added-not-in-catalogue = It is not in the catalogue, so it has no /specs card.
garage-added-vin = Its VIN is stored privately: only you see it; organisers see its last 7 characters only if you allow it with /garage privacy.
garage-and-more = … and { $count } more
garage-unknown-year = unknown
# $count is $cars as a number, for languages whose verb follows it (German "ist 1", "sind 37").
garage-share = { $count ->
       *[other] This club has { $cars } of the { $production } { $model } built: { $share } %
    }
garage-register-title = Club register · { $what }
garage-whole-garage = the whole garage
garage-register-empty = No members' cars registered yet. Add yours with `/garage add`.
garage-register-summary = **{ $cars }** { $cars ->
        [one] member's car
       *[other] members' cars
    }, { $owners ->
        [one] { $owners } owner
       *[other] { $owners } owners
    }, { $verified } verified, { $unverified } not verified
garage-by-model = By model
garage-by-colour = By colour
garage-by-year = By year
garage-colours-title = { $model } · the club's cars by factory colour
garage-colours-none = The catalogue lists no factory colours for this model yet.
garage-colours-other = Other colours members gave
garage-pick-other = Other car…
garage-pick-other-hint = Type it in a form
garage-pick-placeholder = Which car are you bringing?
garage-saved = Saved { $model } in { $colour }.
garage-saved-reverify = Saved { $model } in { $colour }. A changed model or VIN needs verifying again.
garage-removed = Removed { $model } in { $colour }.
garage-privacy-on = Organisers can now see that your cars' VINs are on file and their last 7 characters.
garage-privacy-off = Nobody but you sees anything of your VINs.
garage-verified-done = Verified { $member }'s { $model } in { $colour }.
garage-unverified-done = Took the verified mark from { $member }'s { $model } in { $colour }.
garage-vin-cleared = Removed the VIN from { $member }'s { $model } in { $colour }; it is no longer verified. The VIN can now be added to another garage.
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
error-reminders-unreadable = `{ $text }` is not a reminder time. Use days, hours or minutes before the meet, e.g. `24h, 1h`, `2 days`, `90m` or `30 minutes`, or `off`.
error-reminders-range = `{ $text }` is out of range: reminders must be between 5 minutes and 14 days before the meet.
error-reminders-many = At most { $max } reminders per meet.
error-post-ahead-unreadable = `{ $text }` is not a time ahead. Use days or hours, e.g. `7d`, `48h` or `2 days`.
error-post-ahead-range = `{ $text }` is out of range: announce recurring meets from 1 hour to 28 days ahead.
error-units = Units must be `metric` or `imperial`.
error-language = Paddock speaks { $languages }.
error-milestones = Milestones must be every 1 to 10,000 cars, or 0 to turn them off.
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

## Section: qa (one helper's keys; keep keys inside their section)

# A torque band from the catalogue ("1,500–4,500"), as the power line spells its rpm.
qa-spec-rpm-band = { $band } rpm

# The CSV gate list (/meet attendees export:true): its separator, columns and statuses.
qa-csv-delimiter = ,
qa-csv-name = name
qa-csv-user-id = user_id
qa-csv-status = status
qa-csv-car = car
qa-csv-passengers = passengers
qa-csv-rsvp-time = rsvp_time
qa-csv-waitlist-position = waitlist_position
qa-csv-status-going = going
qa-csv-status-waitlist = waitlist
qa-csv-status-maybe = maybe
qa-csv-status-no = not going

## End of section: qa

## Section: cata (one helper's keys; keep keys inside their section)

# A catalogue figure (kerb weight, top speed, torque) that no stored source states.
spec-figure-not-known = not known

## End of section: cata

## Section: polish (one helper's keys; keep keys inside their section)

# /meet list: a recurring meet's line (bot/render/series.py), after its rule and place.
meets-list-rsvp-before = RSVPs close { $before } before each date

# The audit-log reason when Paddock opens a meet's thread (bot/flows/meets/threads.py).
meets-thread-reason = Discussion of meet #{ $id }

## End of section: polish

## Section: qa2 (one helper's keys; keep keys inside their section)

# The name of each further field when a big meet's Going list needs more than one.
qa2-going-continued = Going (continued)

## End of section: qa2

## Section: qagarage (one helper's keys; keep keys inside their section)

# /garage edit with both a new VIN and clear_vin:true: which one did the member mean?
qagarage-error-vin-and-clear-vin = Give a new `vin` or `clear_vin`, not both: a new VIN replaces the old one anyway.
# /garage edit with only the car: nothing to change.
qagarage-error-edit-nothing = Nothing to change: add what you want to change to the car, e.g. `colour` or `nickname` (a single `-` clears the nickname).
# /config owner-role with @everyone or a role an integration manages: no bot may give those.
qagarage-error-owner-role-not-assignable = { $role } can't be given to members by a bot: it is the whole server's role, or one an integration manages (a bot's, the boosters'). Pick a role of your own.
# /config announce-role with @everyone: Paddock never pings the whole server.
qagarage-error-announce-role-everyone = Paddock never pings the whole server. Pick a role members can take for record news, or leave `role` empty for no ping.
# /about: the members' cars this server's garage holds, and how many carry a VIN.
qagarage-about-garage = { $count ->
    [one] { $count } garage car
   *[other] { $count } garage cars
} ({ $vins } with a VIN)

## End of section: qagarage

## Section: deloc (one helper's keys; keep keys inside their section)

# A member's own words in running text: a car's nickname. German quotes „so“.
quoted = “{ $text }”
# The audit-log reasons when Paddock gives or takes the verified owners' role (bot/flows/garage.py).
garage-role-reason-given = Paddock: verified car owner
garage-role-reason-taken = Paddock: no verified car left

## End of section: deloc

## Section: qameets (one helper's keys; keep keys inside their section)

# A preview of changes to this and later dates, when the date being edited has answers.
qameets-preview-this-kept = Members have already answered this date, so it keeps its time; the later dates nobody has answered move to the new time.

## End of section: qameets

## Section: dates (one helper's keys; keep keys inside their section)

# When a typed date or time can't be used (bot/services/meets/timeparse.py).
error-dates-no-such-day = `{ $name }`: { $month } has { $days } days, so there is no { $day } { $monthname }. Check the date.
error-dates-other-zone = `{ $name }`: I read times in the server's time zone, { $zone }, not in { $typed }. Give the time in { $zone } and leave out `{ $typed }`.

# The preview's end line (bot/render/meets.py): how long the meet lasts, so a misread end shows.
dates-preview-ends = Ends { $when }, { $length } after the start
dates-preview-long = ⚠️ That's more than 12 hours. If you meant a length, give `{ $name }` as one, e.g. `3h30` or `90 min`.
dates-length-hours = { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
}
dates-length-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
dates-length-hours-minutes = { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
} { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}

## End of section: dates

## Section: pg18 (one helper's keys; keep keys inside their section)

## End of section: pg18

## Section: meets3 (one helper's keys; keep keys inside their section)

# The calendar feed's description of a cancelled meet (calendar apps show DESCRIPTION).
web-feed-cancelled = Cancelled.
web-feed-cancelled-because = Cancelled: { $reason }
# A typed date whose month is over 12: numeric dates are day first (timeparse.py).
error-dates-no-such-month = `{ $name }`: `{ $typed }` has no month { $month }. Dates are day first, day.month.year: e.g. `31.12.2027`.
error-dates-day-first = `{ $name }`: `{ $typed }` has no month { $month }. Dates are day first, day.month.year: for { $meant }, type `{ $suggest }`.
error-dates-no-such-month-iso = `{ $name }`: `{ $typed }` has no month { $month }. That form is year-month-day: e.g. `2027-12-31`.
error-dates-iso-swapped = `{ $name }`: `{ $typed }` has no month { $month }. That form is year-month-day: for { $meant }, type `{ $suggest }`.
# /meet calendar on a cancelled meet: the file still matters, it marks the event cancelled.
meets-calendar-file-cancelled = { $meet } is cancelled. If your calendar already has it, open the file to mark it cancelled there.
# A mention in meet text whose name the bot doesn't know, in the calendar file and feed.
mention-unknown-member = member
mention-unknown-role = role
mention-unknown-channel = channel
# The calendar feed's name (X-WR-CALNAME) with the server's name.
web-feed-name-club = { $club }: club meets (Paddock)

## End of section: meets3

## Section: garage3 (one helper's keys; keep keys inside their section)

# /garage verify on a car already in the state asked for: nothing was changed.
garage3-already-verified = { $member }'s { $model } in { $colour } is already verified; nothing changed.
garage3-already-unverified = { $member }'s { $model } in { $colour } isn't verified, so there is no mark to take away.

# /garage add or edit: typed text (not picked from the list) that fits several catalogue
# cars, or one only roughly; $options are the closest cars, bold, closest first.
garage3-error-model-several = { $count ->
    [one] No catalogue car is exactly '{ $text }'; the closest is { $options }.
   *[other] '{ $text }' fits several cars in the catalogue; the closest are { $options }.
} Pick yours from the list as you type, or choose “{ $text } ({ garage-not-in-catalogue })” there for a car the catalogue lacks.
# The same for typed text that fits no catalogue car at all.
garage3-error-model-unknown = No car in the catalogue is called '{ $text }'. If yours isn't in it, choose “{ $text } ({ garage-not-in-catalogue })” from the list as you type: it is then saved as your own text.
# /register overview with a model no member's car matches; $options: models that are in the garage.
garage3-error-register-no-match = No member's car in this server matches '{ $text }'. Try { $options }: pick one from the list as you type, or leave `model` empty for the whole garage.

## End of section: garage3

## Section: search3 (one helper's keys; keep keys inside their section)

## End of section: search3

## Section: qa3a (one helper's keys; keep keys inside their section)

error-meets-when-range = `when`: `{ $text }` is a start and an end. Give the start here, e.g. `{ $start }`, and the end with `ends`, e.g. `{ $end }` (in /meet create or /meet edit); without it a meet lasts 4 hours.
## End of section: qa3a

## Section: qa3b (one helper's keys; keep keys inside their section)
qa3b-error-organizer-role-everyone = @everyone as the organiser role would let every member cancel meets, verify cars and clear VINs. Pick your organisers' role, or leave `role` empty so members with Manage Events organise.
qa3b-garage-role-failed = Discord didn't take the change to the { $role } role just now; an organiser can give or take it by hand in the server settings.
qa3b-web-title-of = { $server }: club meets

## End of section: qa3b

## Section: meets4 (one helper's keys; keep keys inside their section)

meets4-moved-up = { $count ->
    [one] Moved 1 member up from the waitlist and told them.
   *[other] Moved { $count } members up from the waitlist and told them.
}
meets4-date-cancelled-because = **cancelled**: { $reason }
## End of section: meets4

## Section: help4 (one helper's keys; keep keys inside their section)

spec-displacement = { $cc } cc

help-title = Paddock: what it does
help-intro = Paddock runs your car club's meets on Discord: announcements with RSVP buttons and reminders, a live counter at the meet and the attendance record to beat, members' garages and the club register, and specs from its car catalogue. Click a command to start it.
help-tip = { $help } with `{ $option }` shows one command in detail, with all its options.
help-section-meets = Meets
help-section-counter = Live counter and records
help-section-garage = Garage and register
help-section-specs = Specs
help-section-setup = Setup
help-section-other = More
help-for-organisers = { $section }: for organisers
help-for-manage-server = { $section }: with Manage Server
help-continued = { $section } (continued)
help-options = Options
help-no-options = No options.
help-required = required
help-audience-organisers = Only organisers can use this: members with Manage Events or the organiser role.
help-audience-manage-server = Only members with Manage Server can use this.
error-help-unknown-command = There's no command `{ $text }`. Pick one from the list `{ $name }` offers, or leave `{ $name }` empty for the overview.

error-meets-half-hour = `{ $name }`: `{ $text }` is { $later } in Britain but { $earlier } to a German. Type the time itself: `{ $later }` or `{ $earlier }`.

## End of section: help4

## Section: reg4 (one helper's keys; keep keys inside their section)

reg4-generation-not-given = { $model } (generation not given)
reg4-error-pick-generation = '{ $text }' is { $count } cars in the catalogue, each with its own factory colours: { $options }. Pick one from the list as you type, e.g. '{ $text } { $example }'.
reg4-all-generations = { $model }: all { $count } in the catalogue, each counted apart
reg4-decade = { $decade }s
reg4-decade-short = ’{ $short }s
reg4-year-span = { $first }–{ $last }
reg4-chart-no-year = { $count } without a year

## End of section: reg4

## Section: pg19 (one helper's keys; keep keys inside their section)

## End of section: pg19

## Section: qa4a (one helper's keys; keep keys inside their section)
qa4a-records-none-did-you-mean = No attendance history for { $series }. Did you mean **{ $suggestion }**? Pick it from the list.
qa4a-progress-over = { $margin } over the record of { $record }

## End of section: qa4a

## Section: qa4b (one helper's keys; keep keys inside their section)

qa4b-web-chart-alt-series = { $count ->
    [one] Bar chart of cars at the last meet of { $name }.
   *[other] Bar chart of cars at the last { $count } meets of { $name }.
}
qa4b-web-chart-alt-all = { $count ->
    [one] Bar chart of cars at the club's last meet.
   *[other] Bar chart of cars at the club's last { $count } meets.
}
## End of section: qa4b
