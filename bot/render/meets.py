"""How meets look: the announcement, member-facing embeds, replies, notices and picks."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

import discord

from bot.render.formatting import timestamp
from bot.render.text import bar, multiline, plain, truncate
from bot.services.attendance import MeetInfo
from bot.services.meets import DueReminder, EditResult, Meet, Roster, Rsvp, RsvpResult

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


def announcement_embed(roster: Roster) -> discord.Embed:
    meet = roster.meet
    title = plain(meet.title, 200)
    if meet.cancelled:
        title = f"Cancelled: {title}"
    lines = [
        f"**When:** {timestamp(meet.starts_at, 'F')} ({timestamp(meet.starts_at, 'R')})",
        f"**Where:** {plain(meet.location, 100)}",
    ]
    if meet.cancelled:
        reason = f": {plain(meet.cancel_reason, 300)}" if meet.cancel_reason else "."
        lines.insert(0, f"**This meet is cancelled{reason}**")
    if meet.description:
        # Escaping can double the length of 1000 typed characters; 4096 is the cap.
        lines += ["", multiline(meet.description, 2000)]
    embed = discord.Embed(
        title=truncate(title, 256),
        description=truncate("\n".join(lines), 4096),
        colour=CANCELLED_COLOUR if meet.cancelled else COLOUR,
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
    footer = f"Meet #{meet.id}"
    if meet.series:
        footer += f" · {' '.join(meet.series.split())[:50]}"
    embed.set_footer(text=footer)
    return embed


def info_embed(meet: Meet) -> discord.Embed:
    embed = discord.Embed(
        title=truncate(("Cancelled: " if meet.cancelled else "") + plain(meet.title, 200), 256),
        description=multiline(meet.description, 1000) or None,
        colour=CANCELLED_COLOUR if meet.cancelled else COLOUR,
        url=meet.jump_url,
    )
    embed.add_field(
        name="When",
        value=f"{timestamp(meet.starts_at, 'F')} ({timestamp(meet.starts_at, 'R')})",
        inline=False,
    )
    embed.add_field(name="Where", value=plain(meet.location, 100) or "-", inline=False)
    embed.add_field(name="Places", value=places_line(meet))
    embed.add_field(name="Waiting", value=str(meet.waitlist))
    embed.add_field(name="Maybe", value=str(meet.maybe))
    if meet.series:
        embed.add_field(name="Series", value=plain(meet.series, 50))
    if meet.jump_url:
        embed.add_field(name="Announcement", value=f"[Jump to it]({meet.jump_url})", inline=False)
    embed.set_footer(text=f"Meet #{meet.id}")
    return embed


def list_embed(meets: Sequence[Meet]) -> discord.Embed:
    embed = discord.Embed(title="Upcoming meets", colour=COLOUR)
    if not meets:
        embed.description = "No meets planned yet. Organisers can start one with `/meet create`."
        return embed
    # Ten meets of at most ~450 characters each keep the embed under 6000.
    for meet in meets[:LIST_MAX]:
        places = f"{meet.going}/{meet.capacity}" if meet.capacity else f"{meet.going} going"
        value = f"{timestamp(meet.starts_at, 'F')} · {plain(meet.location, 100)} · {places}"
        if meet.jump_url:
            value += f" · [announcement]({meet.jump_url})"
        embed.add_field(
            name=truncate(f"#{meet.id} {' '.join(meet.title.split())}", 256),
            value=truncate(value, FIELD_LIMIT),
            inline=False,
        )
    if len(meets) > LIST_MAX:
        embed.set_footer(text=f"and {len(meets) - LIST_MAX} more; pick one in /meet info")
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
    name = f"**{plain(meet.title, 100)}**"
    return f"{name} ({meet.jump_url})" if meet.jump_url else name


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


def rsvp_summary(result: RsvpResult) -> str:
    """Exactly where the member stands, for the ephemeral reply."""
    meet = result.meet
    count = f"{meet.going}/{meet.capacity}" if meet.capacity else f"{meet.going} going"
    status = result.rsvp.status
    if status == "going":
        return f"You're going: {count}."
    if status == "waitlist":
        return (
            f"The meet is full: you're #{result.waitlist_position} on the waitlist. "
            "You'll be told if a place opens up."
        )
    if status == "maybe":
        return f"You're a maybe. ({count})"
    return "You're not going. Thanks for letting the organisers know."


def promoted_text(meet: Meet) -> str:
    places = f" ({meet.going}/{meet.capacity})" if meet.capacity else ""
    return (
        f"A place opened up: you're now going to {meet_ref(meet)}{places}. "
        "If you can't make it, press Can't go so the next in line gets it."
    )


def change_text(result: EditResult) -> str | None:
    """What going members are told about an edit, or None if nothing they care about changed."""
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
