"""How recurring meets look in Discord: the rule in words, the next dates, the notices."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.i18n import t
from bot.render.formatting import timestamp
from bot.render.meets import FIELD_LIMIT, list_embed, meet_ref
from bot.render.text import plain, truncate
from bot.services.meets import Meet
from bot.services.meets.series import NextDate, SeriesEdit, SeriesRule

NEXT_SHOWN = 4


def next_dates_text(dates: Sequence[NextDate]) -> str:
    """One line per upcoming date; a date already announced links to its announcement."""
    if not dates:
        return "no more dates"
    lines = []
    for item in dates[:NEXT_SHOWN]:
        line = timestamp(item.starts_at, "F")
        meet = item.meet
        if meet is not None:
            places = f"{meet.going}/{meet.capacity}" if meet.capacity else f"{meet.going} going"
            line += f" · {places}"
            if meet.jump_url:
                line += f" · [announcement]({meet.jump_url})"
        lines.append(line)
    return "\n".join(lines)


def before_words(minutes: int, lang: str) -> str:
    """A time before each date in words: '2 days', '1 day 6 hours', '90 minutes'."""
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = [
        t(lang, key, count=count)
        for key, count in (
            ("recurring-days", days),
            ("recurring-hours", hours),
            ("recurring-minutes", mins),
        )
        if count
    ]
    return " ".join(parts)


def rsvp_before_text(minutes: int | None, lang: str) -> str | None:
    """'RSVPs close 2 days before each date.', or None when they close at each start."""
    if minutes is None:
        return None
    return t(lang, "recurring-rsvp-before", before=before_words(minutes, lang))


def repeat_text(rule: SeriesRule) -> str:
    return f"Repeats {plain(rule.describe(), 300)}"


def meets_list_embed(
    single: Sequence[Meet], repeating: Sequence[tuple[SeriesRule, Sequence[NextDate]]]
) -> discord.Embed:
    """/meet list: one-off meets, then each recurring meet once with its next dates."""
    embed = list_embed(single)
    if not repeating:
        return embed
    if not single:
        embed.description = None
    for rule, dates in repeating[:10]:
        embed.add_field(
            name=truncate(f"🔁 {' '.join(rule.title.split())}", 256),
            value=truncate(
                f"{repeat_text(rule)} · {plain(rule.location, 100)}\n{next_dates_text(dates)}",
                FIELD_LIMIT,
            ),
            inline=False,
        )
    return embed


def add_repeat_field(
    embed: discord.Embed, rule: SeriesRule, dates: Sequence[NextDate], lang: str = "en"
) -> None:
    """/meet info of a date of a recurring meet: the rule in words, when each date's
    RSVPs close, and what comes next."""
    closes = rsvp_before_text(rule.rsvp_before_min, lang)
    head = plain(rule.describe(), 300) + (f"\n{closes}" if closes else "")
    embed.add_field(
        name="Repeats",
        value=truncate(f"{head}\nNext:\n{next_dates_text(dates)}", 1024),
        inline=False,
    )


def kept_time_text(meet: Meet, rule: SeriesRule) -> str:
    """To members who answered a date that kept its time when the series' time changed."""
    return (
        f"{meet_ref(meet)} changed its time: it now {plain(rule.describe(), 300)}. "
        f"Your date, {timestamp(meet.starts_at, 'F')}, keeps its time since members had "
        "already answered it."
    )


def series_edit_summary(result: SeriesEdit) -> str:
    parts = [f"Updated this and all later dates: {plain(result.rule.describe(), 300)}."]
    if result.moved:
        parts.append(f"Moved {len(result.moved)} date(s) nobody had answered yet.")
    if result.kept:
        told = sum(len(ids) for _, ids in result.kept)
        parts.append(
            f"{len(result.kept)} date(s) with answers keep their time; told {told} member(s). "
            "Move one with `dates: this date only` if needed."
        )
    return " ".join(parts)
