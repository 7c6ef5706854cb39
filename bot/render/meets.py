"""How meets look: the announcement, member-facing embeds, replies, notices and picks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import discord

from bot.i18n import DEFAULT, option_name, t
from bot.i18n.formats import long_datetime, short_datetime
from bot.render.formatting import timestamp
from bot.render.text import bar, multiline, plain, truncate, unmarked
from bot.services.attendance import MeetInfo
from bot.services.meets import DueReminder, EditResult, Meet, Roster, Rsvp, RsvpResult
from bot.services.meets.models import MyAnswer, maps_url

FIELD_LIMIT = 1024
LIST_MAX = 10
COLOUR = discord.Colour.dark_teal()
CANCELLED_COLOUR = discord.Colour.dark_grey()
EMBED_LIMIT = 6000
MAX_FIELDS = 25
CAR_MAX = 80
CAR_MIN = 12  # a car cut shorter than this no longer says which car it is


def member_line(rsvp: Rsvp, car_limit: int | None = CAR_MAX) -> str:
    return _line(rsvp, plain(rsvp.car, car_limit) if rsvp.car and car_limit else "")


def _line(rsvp: Rsvp, car: str) -> str:
    # A mention inside an embed never pings, and shows the member's current name.
    line = f"<@{rsvp.user_id}>"
    if car:
        line += f" · {car}"
    if rsvp.passengers:
        line += f" (+{rsvp.passengers})"
    return line


def _pack(lines: Sequence[str], field_limit: int, max_fields: int) -> list[str] | None:
    """Lines packed greedily into field values of at most `field_limit`; None if they need
    more than `max_fields` fields."""
    values: list[str] = []
    current = ""
    for line in lines:
        if len(line) > field_limit:
            return None
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= field_limit:
            current = candidate
            continue
        values.append(current)
        current = line
    values.append(current)
    return values if len(values) <= max_fields else None


def _cost(values: Sequence[str], continued_name: int) -> int:
    return sum(map(len, values)) + continued_name * (len(values) - 1)


def member_fields(
    rsvps: Sequence[Rsvp],
    *,
    budget: int,
    max_fields: int = 1,
    field_limit: int = FIELD_LIMIT,
    continued_name: int = 0,
    lang: str = DEFAULT,
) -> list[str]:
    """Field values listing members within `budget` characters (values plus the names of
    continuation fields, each `continued_name` long). Members matter more than cars: cars are
    shortened first, then dropped, and only then are members cut with "+N more"."""
    if not rsvps:
        return [t(lang, "meets-nobody-yet")]

    def fitting(lines: Sequence[str]) -> list[str] | None:
        values = _pack(lines, field_limit, max_fields)
        if values is None or _cost(values, continued_name) > budget:
            return None
        return values

    lines = [_line(r, "") for r in rsvps]
    bare = fitting(lines)
    if bare is not None:
        # Escape each car once; the cuts below only shorten the escaped text.
        cars = [plain(r.car) if r.car else "" for r in rsvps]
        for car_limit in range(CAR_MAX, CAR_MIN - 1, -4):
            pairs = zip(rsvps, cars, strict=True)
            values = fitting([_line(r, truncate(c, car_limit)) for r, c in pairs])
            if values is not None:
                return values
        return bare

    def cut(shown: int) -> list[str] | None:
        return fitting([*lines[:shown], t(lang, "meets-more", count=len(rsvps) - shown)])

    # Fitting is monotone in how many are shown, so search for the most that fit.
    low, high = 0, len(rsvps) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if cut(middle) is None:
            high = middle - 1
        else:
            low = middle
    return cut(low) or [truncate(t(lang, "meets-more", count=len(rsvps)), field_limit)]


def member_list(rsvps: Sequence[Rsvp], limit: int = FIELD_LIMIT, lang: str = DEFAULT) -> str:
    """One field listing members, cars shortened or dropped before members are cut."""
    return member_fields(rsvps, budget=limit, field_limit=limit, lang=lang)[0]


def places_line(meet: Meet, lang: str = DEFAULT) -> str:
    if meet.capacity is None:
        return t(lang, "meets-going-no-limit", count=meet.going)
    return f"{bar(meet.going, meet.capacity)} {meet.going}/{meet.capacity}"


def where_line(meet: Meet, lang: str = DEFAULT) -> str:
    maps = t(lang, "meets-open-in-maps", url=maps_url(meet.location))
    return f"{plain(meet.location, 100)} · {maps}"


def when_line(meet: Meet, lang: str = DEFAULT) -> str:
    return t(
        lang,
        "meets-when-line",
        start=timestamp(meet.starts_at, "F"),
        end=timestamp(meet.end, "t"),
        relative=timestamp(meet.starts_at, "R"),
    )


def spelled(when: datetime, tz: ZoneInfo, lang: str = DEFAULT) -> str:
    """A time spelled out for the organiser who typed it: weekday, date, 24-hour time and
    zone, e.g. 'Samstag, 5. Juni 2027, 10:00 (Europe/Berlin, CEST)'."""
    local = when.astimezone(tz)
    return f"{long_datetime(lang, local)} ({tz.key}, {local.tzname()})"


def cancelled_title(title: str, lang: str = DEFAULT) -> str:
    return t(lang, "meets-cancelled-title", title=title)


def announcement_embed(
    roster: Roster, *, closed: bool = False, lang: str = DEFAULT
) -> discord.Embed:
    """The announcement, in the server's language; `closed` once RSVPs have closed
    (deadline or start)."""
    meet = roster.meet
    title = plain(meet.title, 200)
    if meet.cancelled:
        title = cancelled_title(title, lang)
    lines = [
        t(lang, "meets-when", when=when_line(meet, lang)),
        t(lang, "meets-where", where=where_line(meet, lang)),
    ]
    if meet.cancelled:
        if meet.cancel_reason:
            cancelled = t(lang, "meets-is-cancelled-because", reason=plain(meet.cancel_reason, 300))
        else:
            cancelled = t(lang, "meets-is-cancelled")
        lines.insert(0, cancelled)
    elif closed:
        lines.insert(0, t(lang, "meets-rsvps-closed"))
    elif meet.rsvp_deadline is not None:
        lines.append(t(lang, "meets-rsvp-by", when=timestamp(meet.rsvp_deadline, "F")))
    if meet.thread_id:
        lines.append(t(lang, "meets-talk", thread=f"<#{meet.thread_id}>"))
    if meet.description:
        # Escaping can double the length of 1000 typed characters; 4096 is the cap.
        lines += ["", multiline(meet.description, 2000)]
    embed = discord.Embed(
        title=truncate(title, 256),
        description=truncate("\n".join(lines), 4096),
        colour=CANCELLED_COLOUR if meet.cancelled or closed else COLOUR,
    )
    embed.add_field(name=t(lang, "meets-places"), value=places_line(meet, lang), inline=True)
    embed.add_field(name=t(lang, "meets-waiting"), value=str(len(roster.waitlist)), inline=True)
    embed.add_field(name=t(lang, "meets-maybe"), value=str(len(roster.maybe)), inline=True)
    footer = meet_number(meet, lang) if meet.id else t(lang, "meets-preview-footer")
    if meet.series:
        footer += f" · {' '.join(meet.series.split())[:50]}"
    embed.set_footer(text=footer)
    add_member_fields(embed, roster, lang)
    return embed


def add_member_fields(embed: discord.Embed, roster: Roster, lang: str = DEFAULT) -> None:
    """The Going list, over continuation fields if need be, then the Maybe list, in what the
    rest of the embed leaves of Discord's 6000 characters and 25 fields. Going is what a big
    meet's members look at, so it comes first; Maybe keeps room for its names without cars."""
    going_name = t(lang, "meets-going-count", count=len(roster.going))
    continued = t(lang, "qa2-going-continued")
    maybe_name = t(lang, "meets-maybe-count", count=len(roster.maybe))
    left = EMBED_LIMIT - len(embed) - len(going_name)
    fields = MAX_FIELDS - len(embed.fields) - 1
    if roster.maybe:
        names = "\n".join(member_line(r, None) for r in roster.maybe)
        left -= len(maybe_name) + min(len(names), FIELD_LIMIT)
        fields -= 1
    going = member_fields(
        roster.going,
        budget=left,
        max_fields=fields,
        continued_name=len(continued),
        lang=lang,
    )
    for index, value in enumerate(going):
        embed.add_field(name=continued if index else going_name, value=value, inline=False)
    if roster.maybe:
        room = EMBED_LIMIT - len(embed) - len(maybe_name)
        maybe = member_fields(
            roster.maybe, budget=room, field_limit=min(FIELD_LIMIT, room), lang=lang
        )
        embed.add_field(name=maybe_name, value=maybe[0], inline=False)


def meet_number(meet: Meet, lang: str = DEFAULT) -> str:
    return t(lang, "meets-number", id=str(meet.id))


def length_words(length: timedelta, lang: str = DEFAULT) -> str:
    """'3 hours 30 minutes' / '3 Stunden 30 Minuten', to the minute."""
    hours, minutes = divmod(int(length.total_seconds()) // 60, 60)
    if not minutes:
        return t(lang, "dates-length-hours", hours=hours)
    if not hours:
        return t(lang, "dates-length-minutes", minutes=minutes)
    return t(lang, "dates-length-hours-minutes", hours=hours, minutes=minutes)


# An end this long after the start is more often a misread length ("3:30" for 3½ hours)
# than a meet: the preview says so.
_LONG = timedelta(hours=12)


def preview_text(
    meet: Meet, tz: ZoneInfo, *, note: str | None, editing: bool, lang: str = DEFAULT
) -> str:
    """The words above a preview: the times spelled out, how long the meet lasts, and
    that nothing is public yet."""
    closes = spelled(meet.rsvp_closes_at, tz, lang)
    length = meet.end - meet.starts_at
    lines = [
        t(lang, "meets-preview-edit") if editing else t(lang, "meets-preview-new"),
        t(lang, "meets-preview-starts", when=spelled(meet.starts_at, tz, lang)),
        t(
            lang,
            "dates-preview-ends",
            when=spelled(meet.end, tz, lang),
            length=length_words(length, lang),
        ),
    ]
    if length > _LONG:
        lines.append(t(lang, "dates-preview-long", name=option_name(lang, "ends")))
    lines.append(
        t(lang, "meets-preview-closes", when=closes)
        if meet.rsvp_deadline is not None
        else t(lang, "meets-preview-closes-at-start", when=closes)
    )
    if note:
        lines.append(note)
    lines.append(t(lang, "meets-preview-expires", minutes=15))
    return "\n".join(lines)


def info_embed(meet: Meet, lang: str = DEFAULT) -> discord.Embed:
    title = plain(meet.title, 200)
    embed = discord.Embed(
        title=truncate(cancelled_title(title, lang) if meet.cancelled else title, 256),
        description=multiline(meet.description, 1000) or None,
        colour=CANCELLED_COLOUR if meet.cancelled else COLOUR,
        url=meet.jump_url,
    )
    embed.add_field(name=t(lang, "meets-field-when"), value=when_line(meet, lang), inline=False)
    embed.add_field(name=t(lang, "meets-field-where"), value=where_line(meet, lang), inline=False)
    if meet.cancelled:
        if meet.cancel_reason:
            reason = plain(meet.cancel_reason, 300)
        else:
            reason = t(lang, "meets-no-reason")
        embed.add_field(name=t(lang, "meets-field-cancelled"), value=reason, inline=False)
    embed.add_field(name=t(lang, "meets-places"), value=places_line(meet, lang))
    embed.add_field(name=t(lang, "meets-waiting"), value=str(meet.waitlist))
    embed.add_field(name=t(lang, "meets-maybe"), value=str(meet.maybe))
    if meet.series:
        embed.add_field(name=t(lang, "meets-field-series"), value=plain(meet.series, 50))
    if meet.jump_url:
        embed.add_field(
            name=t(lang, "meets-field-announcement"),
            value=t(lang, "meets-jump", url=meet.jump_url),
            inline=False,
        )
    embed.set_footer(text=meet_number(meet, lang))
    return embed


def going_count(meet: Meet, lang: str = DEFAULT) -> str:
    """'3/10 places taken', or '3 going' ('nobody going yet') without a limit."""
    if meet.capacity:
        return t(lang, "meets-places-taken", going=meet.going, capacity=meet.capacity)
    return t(lang, "meets-going", count=meet.going)


def list_embed(meets: Sequence[Meet], lang: str = DEFAULT) -> discord.Embed:
    embed = discord.Embed(title=t(lang, "meets-upcoming"), colour=COLOUR)
    if not meets:
        embed.description = t(lang, "meets-none-planned")
        return embed
    # Ten meets of at most ~450 characters each keep the embed under 6000.
    for meet in meets[:LIST_MAX]:
        status = t(lang, "meets-status-cancelled") if meet.cancelled else going_count(meet, lang)
        value = f"{timestamp(meet.starts_at, 'F')} · {plain(meet.location, 100)} · {status}"
        if meet.jump_url:
            value += " · " + t(lang, "meets-announcement-link", url=meet.jump_url)
        # Discord shows a field name's markdown as typed: the title without it.
        name = f"#{meet.id} {unmarked(meet.title)}"
        if meet.cancelled:
            name = t(lang, "meets-cancelled-mark", name=name)
        embed.add_field(name=truncate(name, 256), value=truncate(value, FIELD_LIMIT), inline=False)
    if len(meets) > LIST_MAX:
        embed.set_footer(text=t(lang, "meets-list-more", count=len(meets) - LIST_MAX))
    return embed


_MY_STATUS = {"going": "meets-mine-going", "maybe": "meets-mine-maybe", "no": "meets-mine-no"}


def mine_embed(answers: Sequence[MyAnswer], lang: str = DEFAULT) -> discord.Embed:
    """/meet mine: a member's own answers to upcoming meets, with links."""
    embed = discord.Embed(title=t(lang, "meets-mine-title"), colour=COLOUR)
    if not answers:
        embed.description = t(lang, "meets-mine-none")
        return embed
    lines: list[str] = []
    for mine in answers[: LIST_MAX * 2]:
        meet = mine.meet
        if meet.cancelled:
            status = t(lang, "meets-mine-cancelled")
        elif mine.status == "waitlist":
            status = t(lang, "meets-mine-waitlist", position=str(mine.waitlist_position))
        else:
            status = t(lang, _MY_STATUS[mine.status])
        lines.append(f"{meet_ref(meet)} · {timestamp(meet.starts_at, 'F')} · {status}")
    embed.description = truncate("\n".join(lines), 4096)
    return embed


def attendees_embed(roster: Roster, lang: str = DEFAULT) -> discord.Embed:
    meet = roster.meet
    embed = discord.Embed(
        title=truncate(t(lang, "meets-attendees-title", title=plain(meet.title, 200)), 256),
        description=t(
            lang,
            "meets-attendees-summary",
            places=places_line(meet, lang),
            waiting=len(roster.waitlist),
            maybe=len(roster.maybe),
            no=len(roster.no),
        ),
        colour=COLOUR,
    )
    # Four lists of at most 1024 keep the embed well under 6000 characters.
    for name, rsvps in (
        ("meets-going-count", roster.going),
        ("meets-waitlist-count", roster.waitlist),
        ("meets-maybe-count", roster.maybe),
        ("meets-no-count", roster.no),
    ):
        if rsvps:
            embed.add_field(
                name=t(lang, name, count=len(rsvps)),
                value=member_list(rsvps, 1000, lang),
                inline=False,
            )
    passengers = sum(r.passengers for r in roster.going)
    embed.set_footer(
        text=t(
            lang,
            "meets-attendees-footer",
            id=str(meet.id),
            cars=len(roster.going),
            passengers=passengers,
        )
    )
    return embed


def meet_ref(meet: Meet) -> str:
    """The meet's title, bold, and linked to its announcement once it has one."""
    name = plain(meet.title, 100).replace("[", "(").replace("]", ")")
    return f"**[{name}]({meet.jump_url})**" if meet.jump_url else f"**{name}**"


def choice_label(
    meet: Meet | MeetInfo, tz: ZoneInfo, *, live: bool = False, lang: str = DEFAULT
) -> str:
    """A meet as an autocomplete choice: plain text (no markdown), at most 100 characters;
    🟢 marks a live attendance counter."""
    stamp = short_datetime(lang, meet.starts_at.astimezone(tz))
    label = f"{unmarked(meet.title)} · {stamp}"
    if meet.cancelled:
        label = t(lang, "meets-cancelled-mark", name=label)
    if live:
        label = f"🟢 {label}"
    return truncate(" ".join(label.split()), 100)


def rsvp_summary(result: RsvpResult, *, for_user: int | None = None, lang: str = DEFAULT) -> str:
    """Exactly where the member stands, for the ephemeral reply (to an organiser who
    answered `for_user`, said of that member)."""
    meet = result.meet
    status = result.rsvp.status
    # Each message has a variant for the member themself ("you") and one said of the
    # member an organiser answered for ("they").
    who = "you" if for_user is None else "they"
    member = f"<@{for_user}>" if for_user is not None else ""
    if status == "going":
        if meet.capacity:
            return t(
                lang,
                "meets-rsvp-going-places",
                who=who,
                member=member,
                going=meet.going,
                capacity=meet.capacity,
            )
        others = max(0, meet.going - 1)
        return t(lang, "meets-rsvp-going", who=who, member=member, others=others)
    if status == "waitlist":
        position = str(result.waitlist_position)
        return t(lang, "meets-rsvp-waitlist", who=who, member=member, position=position)
    if status == "maybe":
        if meet.capacity:
            left = max(0, meet.capacity - meet.going)
            return t(
                lang,
                "meets-rsvp-maybe-places",
                who=who,
                member=member,
                left=left,
                capacity=meet.capacity,
            )
        return t(lang, "meets-rsvp-maybe", who=who, member=member, so_far=going_count(meet, lang))
    return t(lang, "meets-rsvp-no", who=who, member=member)


def promoted_text(meet: Meet, lang: str = DEFAULT) -> str:
    if meet.capacity:
        return t(
            lang,
            "meets-promoted-places",
            meet=meet_ref(meet),
            going=meet.going,
            capacity=meet.capacity,
        )
    return t(lang, "meets-promoted", meet=meet_ref(meet))


def change_text(result: EditResult, lang: str = DEFAULT) -> str | None:
    """What members are told about an edit, or None if nothing they care about changed."""
    meet = result.meet
    when = timestamp(meet.starts_at, "F")
    where = plain(meet.location, 100)
    if result.time_changed and result.place_changed:
        return t(lang, "meets-changed-time-place", meet=meet_ref(meet), when=when, where=where)
    if result.time_changed:
        return t(lang, "meets-changed-time", meet=meet_ref(meet), when=when)
    if result.place_changed:
        return t(lang, "meets-changed-place", meet=meet_ref(meet), where=where)
    return None


def cancelled_text(meet: Meet, lang: str = DEFAULT) -> str:
    when = timestamp(meet.starts_at, "F")
    if meet.cancel_reason:
        reason = plain(meet.cancel_reason, 300)
        return t(
            lang, "meets-cancelled-notice-reason", meet=meet_ref(meet), when=when, reason=reason
        )
    return t(lang, "meets-cancelled-notice", meet=meet_ref(meet), when=when)


def reminder_text(due: DueReminder, lang: str = DEFAULT) -> str:
    meet = due.meet
    head = t(
        lang,
        "meets-reminder",
        title=plain(meet.title, 100),
        relative=timestamp(meet.starts_at, "R"),
        when=timestamp(meet.starts_at, "F"),
        where=plain(meet.location, 100),
    )
    if meet.jump_url:
        head += f"\n{meet.jump_url}"
    return head
