"""The meet announcement and the member-facing views of a meet."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.services.meets import Meet, Roster, Rsvp
from bot.ui.formatting import timestamp
from bot.ui.text import bar, multiline, plain, truncate

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
