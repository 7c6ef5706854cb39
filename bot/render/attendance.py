"""How the live counter, record news and records history look in Discord.

Pure rendering from service snapshots: no database, no sending. User text
(meet titles, record labels) always goes through `plain` so it can't ping or
break the layout. Every function takes the language it writes in: the member's for
replies only they see, the server's for the counter, record posts and summaries.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import discord
from discord import app_commands

from bot.i18n import LANGUAGES, t
from bot.i18n.formats import number as fmt_number
from bot.i18n.formats import short_date
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


def day(when: date, lang: str = "en") -> str:
    return short_date(lang, when)


def cars(n: int, lang: str = "en") -> str:
    return t(lang, "att-cars", count=n)


def record_text(record: Record, lang: str = "en") -> str:
    return (
        f"{fmt_number(lang, record.cars)} ({plain(record.label, 100)}, {day(record.held_on, lang)})"
    )


def series_name(series: str, lang: str = "en") -> str:
    return plain(series, 50) if series else t(lang, "att-whole-server")


def _arrival_line(arrival: Arrival, lang: str) -> str:
    when = timestamp(arrival.at, "R")
    member = f"<@{arrival.member_id}>"
    total = fmt_number(lang, arrival.total_after)
    if arrival.kind == "checkin":
        return t(lang, "att-arrival-checkin", member=member, car=total, when=when)
    if arrival.kind == "checkout":
        return t(lang, "att-arrival-checkout", member=member, when=when)
    if arrival.kind == "void":
        return t(lang, "att-arrival-void", member=member, total=total, when=when)
    return t(lang, "att-arrival-staff", delta=signed(arrival.delta, lang), total=total, when=when)


def signed(n: int, lang: str = "en") -> str:
    """+3 / −2 with a real minus sign, as people write corrections, grouped as the
    language groups thousands (+100,000 / +100.000)."""
    return f"+{fmt_number(lang, n)}" if n >= 0 else f"−{fmt_number(lang, -n)}"


def number(n: int, lang: str = "en") -> str:
    """A count that may be negative (the staff tally), with a real minus sign."""
    return fmt_number(lang, n) if n >= 0 else f"−{fmt_number(lang, -n)}"


def correction_line(arrival: Arrival, lang: str = "en") -> str:
    """One correction for /attendance status: what, who, when and why."""
    why = f" · {plain(arrival.reason, 100)}" if arrival.reason else ""
    args = {
        "actor": f"<@{arrival.actor_id}>",
        "total": fmt_number(lang, arrival.total_after),
        "when": timestamp(arrival.at, "R"),
    }
    if arrival.kind == "void":
        line = t(lang, "att-correction-void", member=f"<@{arrival.member_id}>", **args)
    else:
        line = t(lang, "att-correction-staff", delta=signed(arrival.delta, lang), **args)
    return line + why


def beating(state: CounterState) -> bool:
    """Whether the count stands above the record it broke right now (corrections can
    bring it back to the record or below)."""
    previous = state.previous_record
    return (
        state.record_broken_at is not None and previous is not None and state.total > previous.cars
    )


def tally_text(state: CounterState, lang: str = "en") -> str:
    return t(
        lang,
        "att-tally",
        checked_in=fmt_number(lang, state.checked_in),
        staff=number(state.staff, lang),
    )


def counter_embed(state: CounterState, lang: str = "en") -> discord.Embed:
    """The live (or final) counter: the number large, the record to beat, recent arrivals."""
    total = state.total
    broken = state.record_broken_at is not None
    if not state.live:
        colour, heading = STOPPED_COLOUR, "# " + t(lang, "att-final", cars=cars(total, lang))
    elif beating(state):
        colour = RECORD_COLOUR
        heading = f"# {cars(total, lang)}\n{t(lang, 'att-new-record-heading')}"
    else:
        colour, heading = LIVE_COLOUR, f"# {cars(total, lang)}"
    embed = discord.Embed(
        title=truncate(t(lang, "att-counter-title", title=plain(state.meet.title)), 256),
        description=heading,
        colour=colour,
    )
    record = state.previous_record if broken else state.record
    if record is None:
        embed.add_field(
            name=t(lang, "att-record-to-beat"), value=t(lang, "att-no-record-yet"), inline=False
        )
    else:
        label = t(lang, "att-previous-record") if broken else t(lang, "att-record-to-beat")
        embed.add_field(name=label, value=record_text(record, lang), inline=False)
        if broken and total > record.cars:
            # Past the record, "85 / 80 record" reads as a fraction over one.
            progress = t(
                lang,
                "qa4a-progress-over",
                margin=fmt_number(lang, total - record.cars),
                record=fmt_number(lang, record.cars),
            )
        else:
            progress = t(
                lang,
                "att-progress-value",
                total=fmt_number(lang, total),
                record=fmt_number(lang, record.cars),
            )
        embed.add_field(
            name=t(lang, "att-progress"),
            value=f"{bar(total, record.cars)} {progress}",
            inline=False,
        )
    recent = "\n".join(_arrival_line(a, lang) for a in state.recent) or t(lang, "att-nobody-yet")
    embed.add_field(name=t(lang, "att-last-arrivals"), value=truncate(recent, 1024), inline=False)
    footer = tally_text(state, lang)
    if not state.live:
        footer += " · " + t(lang, "att-counter-stopped")
    embed.set_footer(text=footer)
    return embed


def status_embed(state: CounterState, lang: str = "en") -> discord.Embed:
    embed = discord.Embed(
        title=truncate(t(lang, "att-status-title", title=plain(state.meet.title)), 256),
        colour=LIVE_COLOUR if state.live else STOPPED_COLOUR,
    )
    embed.add_field(name=t(lang, "att-cars-label"), value=fmt_number(lang, state.total))
    embed.add_field(name=t(lang, "att-checked-in"), value=fmt_number(lang, state.checked_in))
    embed.add_field(name=t(lang, "att-staff-tally"), value=number(state.staff, lang))
    embed.add_field(name=t(lang, "att-highest-today"), value=fmt_number(lang, state.high_water))
    record = state.previous_record if state.record_broken_at else state.record
    embed.add_field(
        name=t(lang, "att-previous-record")
        if state.record_broken_at
        else t(lang, "att-record-to-beat"),
        value=record_text(record, lang) if record else t(lang, "att-none-yet"),
        inline=False,
    )
    if state.live:
        counter = t(
            lang,
            "att-live-since",
            channel=f"<#{state.channel_id}>",
            when=timestamp(state.started_at, "R"),
        )
    elif state.stopped_at:
        counter = t(lang, "att-stopped-at", when=timestamp(state.stopped_at, "R"))
    else:
        counter = t(lang, "att-stopped")
    embed.add_field(name=t(lang, "att-counter"), value=counter, inline=False)
    if state.corrections:
        embed.add_field(
            name=t(lang, "att-last-corrections"),
            value=truncate("\n".join(correction_line(a, lang) for a in state.corrections), 1024),
            inline=False,
        )
    return embed


def record_announcement(
    state: CounterState, role_id: int | None = None, *, first: bool = False, lang: str = "en"
) -> str:
    """The record post. Its first version names the count that crossed the record and
    the record it beat ("81 cars … Previous record: 80"), however late it goes out; it is
    edited up as the count rises, to the final count and peak when the counter stops,
    and to "the record stands" if corrections took the final back to the record."""
    title = plain(state.meet.title, 100)
    previous = state.previous_record
    before = (
        " " + t(lang, "att-record-previous", record=record_text(previous, lang)) if previous else ""
    )
    ping = f"<@&{role_id}> " if role_id else ""
    crossing = state.record_broken_cars or state.high_water
    if first or (state.live and state.high_water <= crossing):
        return ping + t(lang, "att-record-new", cars=cars(crossing, lang), title=title) + before
    if state.live:
        now = cars(state.high_water, lang)
        return ping + t(lang, "att-record-now", cars=now, title=title) + before
    final = cars(state.total, lang)
    peak = (
        t(lang, "att-record-peak", peak=fmt_number(lang, state.high_water))
        if state.high_water != state.total
        else ""
    )
    if previous is not None and state.total <= previous.cars:
        return t(
            lang,
            "att-record-stands",
            title=title,
            cars=final,
            peak=peak,
            record=record_text(previous, lang),
        )
    return ping + t(lang, "att-record-final", title=title, cars=final, peak=peak) + before


_TITLE, _ANY = "\x00title\x00", "\x00any\x00"


@lru_cache(maxsize=16)
def _record_heads(lang: str) -> tuple[str, ...]:
    """The beginnings of the record post's forms in `lang`, as regular expressions with a
    slot for the meet's title (a post stays in the language it was first written in)."""
    forms = [
        t(lang, "att-record-new", cars=_ANY, title=_TITLE),
        t(lang, "att-record-now", cars=_ANY, title=_TITLE),
        t(lang, "att-record-final", cars=_ANY, title=_TITLE, peak=_ANY),
        t(lang, "att-record-stands", cars=_ANY, title=_TITLE, peak=_ANY, record=_ANY),
    ]
    heads = []
    for form in forms:
        head = form[: form.index(_TITLE) + len(_TITLE)]
        # What follows the title up to the next slot pins the form down.
        rest = form[len(head) :].split(_ANY)[0]
        pattern = re.escape(head + rest).replace(re.escape(_ANY), r"[^\n]*?")
        heads.append(pattern.replace(re.escape(_TITLE), "{title}"))
    return tuple(heads)


def is_record_announcement(content: str, state: CounterState) -> bool:
    """Whether `content` is record_announcement() text for this meet, in any of its
    forms and languages and with or without the role ping; used to find a post whose id
    was lost."""
    title = re.escape(plain(state.meet.title, 100))
    body = re.sub(r"^<@&\d+> ", "", content)
    return any(
        re.match(head.replace("{title}", title), body) is not None
        for lang in LANGUAGES
        for head in _record_heads(lang)
    )


def milestone_text(meet: MeetInfo | Meet, milestone: int, lang: str = "en") -> str:
    return t(lang, "att-milestone", cars=cars(milestone, lang), title=plain(meet.title, 100))


def stop_summary(summary: StopSummary, lang: str = "en") -> str:
    total = cars(summary.final, lang)
    if summary.peak > summary.final:
        final = t(lang, "att-summary-final-peak", cars=total, peak=fmt_number(lang, summary.peak))
    else:
        final = t(lang, "att-summary-final", cars=total)
    previous = summary.previous
    if previous is None:
        series = summary.meet.series
        if not series:
            return f"{final} {t(lang, 'att-summary-first-server')}"
        return f"{final} {t(lang, 'att-summary-first', series=plain(series, 50))}"
    args = {"previous": fmt_number(lang, previous.cars), "label": plain(previous.label, 100)}
    if summary.new_record:
        margin = fmt_number(lang, summary.margin)
        return f"{final} {t(lang, 'att-summary-new-record', margin=margin, **args)}"
    if summary.final == previous.cars:
        return f"{final} {t(lang, 'att-summary-level', **args)}"
    return f"{final} {t(lang, 'att-summary-stays', **args)}"


def checkin_reply(status: str, car: int | None, total: int, lang: str = "en") -> str:
    place = fmt_number(lang, car or 0)
    if status == "checked_in":
        return t(lang, "att-reply-checked-in", car=place, cars=cars(total, lang))
    if status == "checked_out":
        return t(lang, "att-reply-checked-out", cars=cars(total, lang))
    if status == "not_in":
        return t(lang, "att-reply-not-in")
    return t(lang, "att-reply-already-in", car=place)


def staff_reply(change: Change, lang: str = "en") -> str:
    return t(
        lang, "att-reply-staff", delta=signed(change.applied, lang), cars=cars(change.total, lang)
    )


def adjust_reply(change: Change, asked: int, lang: str = "en") -> str:
    args = {
        "delta": signed(change.applied, lang),
        "cars": cars(change.total, lang),
        "checked_in": fmt_number(lang, change.checked_in),
        "staff": number(change.staff, lang),
    }
    if change.applied != asked:
        return t(lang, "att-reply-adjust-limited", asked=signed(asked, lang), **args)
    return t(lang, "att-reply-adjust", **args)


def void_reply(change: Change, member_id: int, lang: str = "en") -> str:
    return t(
        lang,
        "att-reply-void",
        member=f"<@{member_id}>",
        cars=cars(change.total, lang),
        checked_in=fmt_number(lang, change.checked_in),
        staff=number(change.staff, lang),
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
    entries: list[HistoryEntry],
    record: Record | None,
    series: str,
    *,
    total: int | None = None,
    lang: str = "en",
) -> discord.Embed:
    """The history as text next to the chart. Without a series it is the whole server's,
    each line naming its series."""
    embed = discord.Embed(
        title=truncate(t(lang, "att-history-title", series=series_name(series, lang)), 256),
        colour=RECORD_COLOUR,
    )
    embed.add_field(
        name=t(lang, "att-club-record"),
        value=record_text(record, lang) if record else t(lang, "att-none-yet"),
        inline=False,
    )
    shown = entries[-HISTORY_LINES:]
    lines = []
    for entry in shown:
        crown = " 🏆" if holds(entry, record) else ""
        how = t(lang, "att-imported") if entry.source == "import" else t(lang, "att-counted-live")
        tag = f" [{plain(entry.series, 50)}]" if not series and _names_series(entry) else ""
        lines.append(
            f"{day(entry.held_on, lang)} · {plain(entry.label, 100)}{tag}: "
            f"**{fmt_number(lang, entry.cars)}**{crown} ({how})"
        )
    earlier = max(total or 0, len(entries)) - len(shown)
    if earlier > 0:
        lines.insert(0, t(lang, "att-earlier-not-shown", count=earlier))
    embed.description = truncate("\n".join(lines), 4000)
    embed.set_image(url="attachment://attendance.png")
    return embed


def _names_series(entry: HistoryEntry) -> bool:
    """Whether an entry's line should name its series: not when its label already is
    the series' name ("Nürburgring [Nürburgring]" says it twice)."""
    if not entry.series:
        return False
    return " ".join(entry.label.split()).casefold() != " ".join(entry.series.split()).casefold()


def history_choice(entry: HistoryEntry, lang: str = "en") -> app_commands.Choice[str]:
    """'26 Aug 2023 · 80 cars · 1M Meet 2023 [Nürburgring]': the day and count first, as
    /records show writes them, so a long label is what the 100-character limit cuts."""
    series = f" [{entry.series}]" if _names_series(entry) else ""
    day = short_date(lang, entry.held_on)
    name = " ".join(f"{day} · {cars(entry.cars, lang)} · {entry.label}{series}".split())
    return app_commands.Choice(name=truncate(name, 100), value=str(entry.id))
