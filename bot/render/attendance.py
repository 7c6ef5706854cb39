"""How the live counter, record news and records history look in Discord.

Pure rendering from service snapshots: no database, no sending. User text
(meet titles, record labels) always goes through `plain` so it can't ping or
break the layout.
"""

from __future__ import annotations

import re
from datetime import date

import discord
from discord import app_commands

from bot.render.formatting import timestamp
from bot.render.text import bar, plain, truncate
from bot.services.attendance import (
    Arrival,
    Change,
    CounterState,
    HistoryEntry,
    MeetInfo,
    Record,
    StopSummary,
)
from bot.services.meets import Meet

LIVE_COLOUR = discord.Colour.green()
RECORD_COLOUR = discord.Colour.gold()
STOPPED_COLOUR = discord.Colour.dark_grey()
HISTORY_LINES = 40


def day(when: date) -> str:
    return f"{when.day} {when.strftime('%b %Y')}"


def cars(n: int) -> str:
    return f"{n} car" if n == 1 else f"{n} cars"


def record_text(record: Record) -> str:
    return f"{record.cars} ({plain(record.label, 100)}, {day(record.held_on)})"


def series_name(series: str) -> str:
    return plain(series, 50) if series else "the whole server"


def _arrival_line(arrival: Arrival) -> str:
    when = timestamp(arrival.at, "R")
    if arrival.kind == "checkin":
        return f"🚗 <@{arrival.member_id}> checked in: car {arrival.total_after} · {when}"
    if arrival.kind == "checkout":
        return f"↩️ <@{arrival.member_id}> checked out · {when}"
    if arrival.kind == "void":
        return f"🚫 <@{arrival.member_id}>'s check-in removed → {arrival.total_after} · {when}"
    return f"🧮 staff {signed(arrival.delta)} → {arrival.total_after} · {when}"


def signed(n: int) -> str:
    """+3 / −2 with a real minus sign, as people write corrections."""
    return f"+{n}" if n >= 0 else f"−{-n}"


def number(n: int) -> str:
    """A count that may be negative (the staff tally), with a real minus sign."""
    return str(n) if n >= 0 else f"−{-n}"


def correction_line(arrival: Arrival) -> str:
    """One correction for /attendance status: what, who, when and why."""
    why = f" · {plain(arrival.reason, 100)}" if arrival.reason else ""
    when = timestamp(arrival.at, "R")
    if arrival.kind == "void":
        what = f"removed <@{arrival.member_id}>'s check-in"
    else:
        what = f"staff {signed(arrival.delta)}"
    return f"{what} by <@{arrival.actor_id}> → {arrival.total_after} · {when}{why}"


def beating(state: CounterState) -> bool:
    """Whether the count stands above the record it broke right now (corrections can
    bring it back to the record or below)."""
    previous = state.previous_record
    return (
        state.record_broken_at is not None and previous is not None and state.total > previous.cars
    )


def tally_text(state: CounterState) -> str:
    return f"{state.checked_in} checked in · staff tally {number(state.staff)}"


def counter_embed(state: CounterState) -> discord.Embed:
    """The live (or final) counter: the number large, the record to beat, recent arrivals."""
    total = state.total
    broken = state.record_broken_at is not None
    if not state.live:
        colour, heading = STOPPED_COLOUR, f"# Final: {cars(total)}"
    elif beating(state):
        colour, heading = RECORD_COLOUR, f"# {cars(total)}\n🏁 **New record!**"
    else:
        colour, heading = LIVE_COLOUR, f"# {cars(total)}"
    embed = discord.Embed(
        title=truncate(f"Live attendance · {plain(state.meet.title)}", 256),
        description=heading,
        colour=colour,
    )
    record = state.previous_record if broken else state.record
    if record is None:
        embed.add_field(
            name="Record to beat",
            value="No earlier meets on record yet: this one sets it.",
            inline=False,
        )
    else:
        label = "Previous record" if broken else "Record to beat"
        embed.add_field(name=label, value=record_text(record), inline=False)
        embed.add_field(
            name="Progress",
            value=f"{bar(total, record.cars)} {total} / {record.cars} record",
            inline=False,
        )
    recent = "\n".join(_arrival_line(a) for a in state.recent) or "Nobody yet. Press **I'm here**!"
    embed.add_field(name="Last arrivals", value=truncate(recent, 1024), inline=False)
    embed.set_footer(text=tally_text(state) + ("" if state.live else " · counter stopped"))
    return embed


def status_embed(state: CounterState) -> discord.Embed:
    embed = discord.Embed(
        title=truncate(f"Attendance · {plain(state.meet.title)}", 256),
        colour=LIVE_COLOUR if state.live else STOPPED_COLOUR,
    )
    embed.add_field(name="Cars", value=str(state.total))
    embed.add_field(name="Checked in", value=str(state.checked_in))
    embed.add_field(name="Staff tally", value=number(state.staff))
    embed.add_field(name="Highest today", value=str(state.high_water))
    record = state.previous_record if state.record_broken_at else state.record
    embed.add_field(
        name="Previous record" if state.record_broken_at else "Record to beat",
        value=record_text(record) if record else "none yet",
        inline=False,
    )
    embed.add_field(
        name="Counter",
        value=(
            f"live in <#{state.channel_id}> since {timestamp(state.started_at, 'R')}"
            if state.live
            else f"stopped {timestamp(state.stopped_at, 'R')}"
            if state.stopped_at
            else "stopped"
        ),
        inline=False,
    )
    if state.corrections:
        embed.add_field(
            name="Last corrections",
            value=truncate("\n".join(correction_line(a) for a in state.corrections), 1024),
            inline=False,
        )
    return embed


def record_announcement(
    state: CounterState, role_id: int | None = None, *, first: bool = False
) -> str:
    """The record post. Its first version names the count that crossed the record and
    the record it beat ("81 cars … Previous record: 80"), however late it goes out; it is
    edited up as the count rises, to the final count and peak when the counter stops,
    and to "the record stands" if corrections took the final back to the record."""
    title = plain(state.meet.title, 100)
    previous = state.previous_record
    before = f" Previous record: {record_text(previous)}." if previous else ""
    ping = f"<@&{role_id}> " if role_id else ""
    crossing = state.record_broken_cars or state.high_water
    if first or (state.live and state.high_water <= crossing):
        return f"{ping}🏁 New club record: {cars(crossing)} at {title}.{before}"
    if state.live:
        return f"{ping}🏁 New club record at {title}: now {cars(state.high_water)}!{before}"
    final = state.total
    peak = f"; peak {state.high_water}" if state.high_water != final else ""
    if previous is not None and final <= previous.cars:
        return (
            f"🏁 The club record stands at {title}: final {cars(final)}{peak} after "
            f"corrections. The record is still {record_text(previous)}."
        )
    return f"{ping}🏁 New club record at {title}: final {cars(final)}{peak}.{before}"


def is_record_announcement(content: str, state: CounterState) -> bool:
    """Whether `content` is record_announcement() text for this meet, in any of its
    forms and with or without the role ping; used to find a post whose id was lost."""
    title = re.escape(plain(state.meet.title, 100))
    pattern = (
        rf"(?:<@&\d+> )?🏁 (?:New club record(?:: [^\n]*? at {title}\.| at {title}: )"
        rf"|The club record stands at {title}: )"
    )
    return re.match(pattern, content) is not None


def milestone_text(meet: MeetInfo | Meet, milestone: int) -> str:
    return f"🚗 {cars(milestone)} at {plain(meet.title, 100)}!"


def stop_summary(summary: StopSummary) -> str:
    peak = f" (peak {summary.peak})" if summary.peak > summary.final else ""
    final = f"Final: {cars(summary.final)}{peak}."
    previous = summary.previous
    if previous is None:
        return f"{final} First meet on record for {series_name(summary.meet.series)}."
    label = plain(previous.label, 100)
    if summary.new_record:
        return (
            f"{final} New club record, +{summary.margin} over the {previous.cars} set at {label}."
        )
    if summary.final == previous.cars:
        return f"{final} Level with the club record of {previous.cars} set at {label}."
    return f"{final} The club record stays {previous.cars}, set at {label}."


def checkin_reply(status: str, car: int | None, total: int) -> str:
    if status == "checked_in":
        return f"You're checked in: car {car}. {cars(total)} here now."
    if status == "checked_out":
        return f"You're checked out. {cars(total)} here now."
    if status == "not_in":
        return "You weren't checked in, so there was nothing to undo."
    return f"You're already checked in (car {car}). Leaving? Check out below."


def staff_reply(change: Change) -> str:
    return f"Staff tally {change.applied:+d}: {cars(change.total)} now."


def adjust_reply(change: Change, asked: int) -> str:
    clamped = (
        f" (limited to {change.applied:+d}: the count stays between 0 and 100 000)"
        if change.applied != asked
        else ""
    )
    return (
        f"Staff tally {change.applied:+d}{clamped}. Now {cars(change.total)}: "
        f"{change.checked_in} checked in, staff tally {number(change.staff)}."
    )


def void_reply(change: Change, member_id: int) -> str:
    return (
        f"Removed <@{member_id}>'s check-in: {cars(change.total)} now "
        f"({change.checked_in} checked in, staff tally {number(change.staff)}). "
        "They can check in again if they arrive."
    )


def holds(entry: HistoryEntry, record: Record | None) -> bool:
    """Whether this entry is the one that set the record (ties go to the first)."""
    return (
        record is not None
        and entry.cars == record.cars
        and entry.held_on == record.held_on
        and entry.label == record.label
    )


def history_embed(
    entries: list[HistoryEntry], record: Record | None, series: str, *, total: int | None = None
) -> discord.Embed:
    """The history as text next to the chart. Without a series it is the whole server's,
    each line naming its series."""
    embed = discord.Embed(
        title=truncate(f"Attendance records · {series_name(series)}", 256), colour=RECORD_COLOUR
    )
    embed.add_field(
        name="Club record",
        value=record_text(record) if record else "none yet",
        inline=False,
    )
    shown = entries[-HISTORY_LINES:]
    lines = []
    for entry in shown:
        crown = " 🏆" if holds(entry, record) else ""
        how = "imported" if entry.source == "import" else "counted live"
        tag = f" [{plain(entry.series, 50)}]" if not series and entry.series else ""
        lines.append(
            f"{day(entry.held_on)} · {plain(entry.label, 100)}{tag}: **{entry.cars}**{crown} "
            f"({how})"
        )
    earlier = max(total or 0, len(entries)) - len(shown)
    if earlier > 0:
        lines.insert(0, f"… {earlier} earlier meets not shown")
    embed.description = truncate("\n".join(lines), 4000)
    embed.set_image(url="attachment://attendance.png")
    return embed


def history_choice(entry: HistoryEntry) -> app_commands.Choice[str]:
    series = f" [{entry.series}]" if entry.series else ""
    name = " ".join(f"{entry.label}{series} · {entry.held_on.isoformat()} · {entry.cars}".split())
    return app_commands.Choice(name=truncate(name, 100), value=str(entry.id))
