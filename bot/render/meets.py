"""How meets look: the announcement, member-facing embeds, replies, notices and picks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

import discord

from bot.render.formatting import timestamp
from bot.render.text import bar, multiline, plain, truncate
from bot.services.attendance import MeetInfo
from bot.services.meets import DueReminder, EditResult, Meet, Roster, Rsvp, RsvpResult
from bot.services.meets.models import MyAnswer

FIELD_LIMIT = 1024
LIST_MAX = 10
COLOUR = discord.Colour.dark_teal()
CANCELLED_COLOUR = discord.Colour.dark_grey()


def member_line(rsvp: Rsvp) -> str:
    # A mention inside an embed never pings, and shows the member's current name.
    line = f"<@{rsvp.user_id}>"
    if rsvp.car:
        line += f" · {plain(rsvp.car, 80)}"
    if rsvp.passengers:
        line += f" (+{rsvp.passengers})"
    return line


def member_list(rsvps: Sequence[Rsvp], limit: int = FIELD_LIMIT) -> str:
    """One line per member, cut with "+N more" so the field stays within `limit`."""
    if not rsvps:
        return "nobody yet"
    lines: list[str] = []
    used = 0
    for index, rsvp in enumerate(rsvps):
        line = member_line(rsvp)
        rest = len(rsvps) - index - 1
        reserve = len(f"\n+{rest} more") if rest else 0
        if used + len(line) + 1 + reserve > limit:
            lines.append(f"+{len(rsvps) - index} more")
            break
        lines.append(line)
        used += len(line) + 1
    return "\n".join(lines)


def places_line(meet: Meet) -> str:
    if meet.capacity is None:
        return f"{meet.going} going (no limit)"
    return f"{bar(meet.going, meet.capacity)} {meet.going}/{meet.capacity}"


def maps_url(location: str) -> str:
    """The location itself if it is a link, else an OpenStreetMap search for its text."""
    text = location.strip()
    if text.startswith(("https://", "http://")) and " " not in text:
        return text
    return f"https://www.openstreetmap.org/search?query={quote_plus(' '.join(text.split()))}"


def where_line(meet: Meet) -> str:
    return f"{plain(meet.location, 100)} · [Open in maps](<{maps_url(meet.location)}>)"


def when_line(meet: Meet) -> str:
    return (
        f"{timestamp(meet.starts_at, 'F')} to {timestamp(meet.end, 't')} "
        f"({timestamp(meet.starts_at, 'R')})"
    )


def spelled(when: datetime, tz: ZoneInfo) -> str:
    """A time spelled out for the organiser who typed it: weekday, date, 24-hour time and
    zone, e.g. 'Saturday 5 June 2027, 10:00 (Europe/Berlin, CEST)'."""
    local = when.astimezone(tz)
    return f"{local:%A} {local.day} {local:%B %Y, %H:%M} ({tz.key}, {local.tzname()})"


def announcement_embed(roster: Roster, *, closed: bool = False) -> discord.Embed:
    """The announcement; `closed` once RSVPs have closed (deadline or start)."""
    meet = roster.meet
    title = plain(meet.title, 200)
    if meet.cancelled:
        title = f"Cancelled: {title}"
    lines = [f"**When:** {when_line(meet)}", f"**Where:** {where_line(meet)}"]
    if meet.cancelled:
        reason = f": {plain(meet.cancel_reason, 300)}" if meet.cancel_reason else "."
        lines.insert(0, f"**This meet is cancelled{reason}**")
    elif closed:
        lines.insert(0, "**RSVPs closed.**")
    elif meet.rsvp_deadline is not None:
        lines.append(f"**RSVP by:** {timestamp(meet.rsvp_deadline, 'F')}")
    if meet.thread_id:
        lines.append(f"**Talk:** <#{meet.thread_id}>")
    if meet.description:
        # Escaping can double the length of 1000 typed characters; 4096 is the cap.
        lines += ["", multiline(meet.description, 2000)]
    embed = discord.Embed(
        title=truncate(title, 256),
        description=truncate("\n".join(lines), 4096),
        colour=CANCELLED_COLOUR if meet.cancelled or closed else COLOUR,
    )
    embed.add_field(name="Places", value=places_line(meet), inline=True)
    embed.add_field(name="Waiting", value=str(len(roster.waitlist)), inline=True)
    embed.add_field(name="Maybe", value=str(len(roster.maybe)), inline=True)
    embed.add_field(
        name=f"Going ({len(roster.going)})", value=member_list(roster.going), inline=False
    )
    if roster.maybe:
        embed.add_field(
            name=f"Maybe ({len(roster.maybe)})", value=member_list(roster.maybe), inline=False
        )
    footer = f"Meet #{meet.id}" if meet.id else "Preview"
    if meet.series:
        footer += f" · {' '.join(meet.series.split())[:50]}"
    embed.set_footer(text=footer)
    return embed


def preview_text(meet: Meet, tz: ZoneInfo, *, note: str | None, editing: bool) -> str:
    """The words above a preview: the times spelled out, and that nothing is public yet."""
    what = "these changes" if editing else "this meet"
    lines = [
        f"**Preview:** nobody sees {what} until you press **Post**.",
        f"Starts **{spelled(meet.starts_at, tz)}**",
        f"Ends {spelled(meet.end, tz)}",
        f"RSVPs close {spelled(meet.rsvp_closes_at, tz)}"
        + (" (at the start)" if meet.rsvp_deadline is None else ""),
    ]
    if note:
        lines.append(note)
    lines.append("This preview expires in 15 minutes.")
    return "\n".join(lines)


def info_embed(meet: Meet) -> discord.Embed:
    embed = discord.Embed(
        title=truncate(("Cancelled: " if meet.cancelled else "") + plain(meet.title, 200), 256),
        description=multiline(meet.description, 1000) or None,
        colour=CANCELLED_COLOUR if meet.cancelled else COLOUR,
        url=meet.jump_url,
    )
    embed.add_field(name="When", value=when_line(meet), inline=False)
    embed.add_field(name="Where", value=where_line(meet), inline=False)
    if meet.cancelled:
        reason = plain(meet.cancel_reason, 300) if meet.cancel_reason else "no reason given"
        embed.add_field(name="Cancelled", value=reason, inline=False)
    embed.add_field(name="Places", value=places_line(meet))
    embed.add_field(name="Waiting", value=str(meet.waitlist))
    embed.add_field(name="Maybe", value=str(meet.maybe))
    if meet.series:
        embed.add_field(name="Series", value=plain(meet.series, 50))
    if meet.jump_url:
        embed.add_field(name="Announcement", value=f"[Jump to it]({meet.jump_url})", inline=False)
    embed.set_footer(text=f"Meet #{meet.id}")
    return embed


def going_count(meet: Meet) -> str:
    """'3/10 places taken', or '3 going' ('nobody going yet') without a limit."""
    if meet.capacity:
        return f"{meet.going}/{meet.capacity} places taken"
    return f"{meet.going} going" if meet.going else "nobody going yet"


def list_embed(meets: Sequence[Meet]) -> discord.Embed:
    embed = discord.Embed(title="Upcoming meets", colour=COLOUR)
    if not meets:
        embed.description = "No meets planned yet. Organisers can start one with `/meet create`."
        return embed
    # Ten meets of at most ~450 characters each keep the embed under 6000.
    for meet in meets[:LIST_MAX]:
        status = "**cancelled**" if meet.cancelled else going_count(meet)
        value = f"{timestamp(meet.starts_at, 'F')} · {plain(meet.location, 100)} · {status}"
        if meet.jump_url:
            value += f" · [announcement]({meet.jump_url})"
        name = f"#{meet.id} {' '.join(meet.title.split())}"
        if meet.cancelled:
            name = f"[cancelled] {name}"
        embed.add_field(name=truncate(name, 256), value=truncate(value, FIELD_LIMIT), inline=False)
    if len(meets) > LIST_MAX:
        embed.set_footer(text=f"and {len(meets) - LIST_MAX} more; pick one in /meet info")
    return embed


_MY_STATUS = {"going": "going", "maybe": "maybe", "no": "not going"}


def mine_embed(answers: Sequence[MyAnswer]) -> discord.Embed:
    """/meet mine: a member's own answers to upcoming meets, with links."""
    embed = discord.Embed(title="Your meets", colour=COLOUR)
    if not answers:
        embed.description = (
            "You haven't answered any upcoming meet. `/meet list` shows what's planned."
        )
        return embed
    lines: list[str] = []
    for mine in answers[: LIST_MAX * 2]:
        meet = mine.meet
        if mine.status == "waitlist":
            status = f"#{mine.waitlist_position} on the waitlist"
        else:
            status = _MY_STATUS[mine.status]
        if meet.cancelled:
            status = "cancelled"
        lines.append(f"{meet_ref(meet)} · {timestamp(meet.starts_at, 'F')} · {status}")
    embed.description = truncate("\n".join(lines), 4096)
    return embed


def attendees_embed(roster: Roster) -> discord.Embed:
    meet = roster.meet
    embed = discord.Embed(
        title=truncate(f"Attendees: {plain(meet.title, 200)}", 256),
        description=f"{places_line(meet)} · {len(roster.waitlist)} waiting · "
        f"{len(roster.maybe)} maybe · {len(roster.no)} can't go",
        colour=COLOUR,
    )
    # Four lists of at most 1024 keep the embed well under 6000 characters.
    for name, rsvps in (
        ("Going", roster.going),
        ("Waitlist", roster.waitlist),
        ("Maybe", roster.maybe),
        ("Can't go", roster.no),
    ):
        if rsvps:
            embed.add_field(
                name=f"{name} ({len(rsvps)})", value=member_list(rsvps, 1000), inline=False
            )
    passengers = sum(r.passengers for r in roster.going)
    embed.set_footer(
        text=f"Meet #{meet.id} · {len(roster.going)} cars, {passengers} passengers · "
        "use export:true for the full CSV"
    )
    return embed


def meet_ref(meet: Meet) -> str:
    """The meet's title, bold, and linked to its announcement once it has one."""
    name = plain(meet.title, 100).replace("[", "(").replace("]", ")")
    return f"**[{name}]({meet.jump_url})**" if meet.jump_url else f"**{name}**"


def choice_label(meet: Meet | MeetInfo, tz: ZoneInfo, *, live: bool = False) -> str:
    """A meet as an autocomplete choice: plain text (no markdown), at most 100 characters;
    🟢 marks a live attendance counter."""
    stamp = meet.starts_at.astimezone(tz).strftime("%a %d %b %Y %H:%M")
    label = f"{meet.title} · {stamp}"
    if meet.cancelled:
        label = f"[cancelled] {label}"
    if live:
        label = f"🟢 {label}"
    return truncate(" ".join(label.split()), 100)


def rsvp_summary(result: RsvpResult, *, for_user: int | None = None) -> str:
    """Exactly where the member stands, for the ephemeral reply (to an organiser who
    answered `for_user`, said of that member)."""
    meet = result.meet
    status = result.rsvp.status
    who, are, your = (
        ("You're", "you're", "You'll")
        if for_user is None
        else (
            f"<@{for_user}> is",
            f"<@{for_user}> is",
            "They'll",
        )
    )
    if status == "going":
        if meet.capacity:
            return f"{who} going: {meet.going}/{meet.capacity} places taken."
        others = meet.going - 1
        if others <= 0:
            return f"{who} going, the first one so far."
        return f"{who} going, with {others} other{'s' if others != 1 else ''}."
    if status == "waitlist":
        return (
            f"The meet is full: {are} #{result.waitlist_position} on the waitlist. "
            f"{your} be told if a place opens up."
        )
    if status == "maybe":
        if meet.capacity:
            left = max(0, meet.capacity - meet.going)
            return f"{who} a maybe. {left} of {meet.capacity} places are still free."
        return f"{who} a maybe. So far {going_count(meet)}."
    if for_user is not None:
        return f"<@{for_user}> is not going."
    return "You're not going. Thanks for letting the organisers know."


def promoted_text(meet: Meet) -> str:
    places = f" ({meet.going}/{meet.capacity})" if meet.capacity else ""
    return (
        f"A place opened up: you're now going to {meet_ref(meet)}{places}. "
        "If you can't make it, press Can't go so the next in line gets it."
    )


def change_text(result: EditResult) -> str | None:
    """What members are told about an edit, or None if nothing they care about changed."""
    meet = result.meet
    what = []
    if result.time_changed:
        what.append(f"now starts {timestamp(meet.starts_at, 'F')}")
    if result.place_changed:
        what.append(f"now meets at {plain(meet.location, 100)}")
    return f"Change to {meet_ref(meet)}: it {' and '.join(what)}." if what else None


def cancelled_text(meet: Meet) -> str:
    why = f" Reason: {plain(meet.cancel_reason, 300)}" if meet.cancel_reason else ""
    return f"{meet_ref(meet)} on {timestamp(meet.starts_at, 'F')} is cancelled.{why}"


def reminder_text(due: DueReminder) -> str:
    meet = due.meet
    head = (
        f"Reminder: **{plain(meet.title, 100)}** starts {timestamp(meet.starts_at, 'R')} "
        f"({timestamp(meet.starts_at, 'F')}) at {plain(meet.location, 100)}."
    )
    if meet.jump_url:
        head += f"\n{meet.jump_url}"
    return head
