"""How recurring meets look in Discord: the rule in words, the next dates, the notices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import discord

from bot.i18n import DEFAULT, t
from bot.i18n.formats import long_date, weekday
from bot.render.formatting import timestamp
from bot.render.meets import FIELD_LIMIT, list_embed, meet_ref
from bot.render.text import plain, truncate
from bot.services.meets import Meet
from bot.services.meets.recurrence import RepeatRule
from bot.services.meets.series import NextDate, SeriesEdit, SeriesRule

NEXT_SHOWN = 4


def rule_text(rule: RepeatRule | SeriesRule, lang: str = DEFAULT) -> str:
    """The rule in words: "every first Sunday at 10:00 (Europe/Berlin), until June 12, 2027"."""
    repeat = rule.repeat if isinstance(rule, SeriesRule) else rule
    start = repeat.start
    at = f"{start:%H:%M}"
    day = weekday(lang, start)
    if repeat.freq == "weekly":
        text = t(lang, "meets-rule-weekly", every=repeat.interval, day=day, at=at)
    elif repeat.freq == "monthly_date":
        key = "meets-rule-monthly-date-short" if start.day > 28 else "meets-rule-monthly-date"
        text = t(lang, key, every=repeat.interval, date=start.day, at=at)
    else:
        assert repeat.nth is not None
        text = t(
            lang,
            "meets-rule-monthly-weekday",
            every=repeat.interval,
            nth=repeat.nth,
            day=day,
            at=at,
        )
    text += f" ({repeat.zone})"
    end = repeat.stopped_from - timedelta(days=1) if repeat.stopped_from else None
    if repeat.until is not None and (end is None or repeat.until < end):
        end = repeat.until
    if end is not None:
        text += t(lang, "meets-rule-until", date=long_date(lang, end))
    if repeat.count is not None:
        text += t(lang, "meets-rule-times", count=repeat.count)
    return text


def next_dates_text(dates: Sequence[NextDate], lang: str = DEFAULT) -> str:
    """One line per upcoming date; a date already announced links to its announcement.
    A cancelled date (SeriesService.listed_dates) says so, as a cancelled meet's line
    does, and doesn't take the place of a date that goes ahead."""
    live = [item for item in dates if item.meet is None or not item.meet.cancelled]
    if not dates:
        return t(lang, "meets-no-more-dates")
    shown = {id(item) for item in live[:NEXT_SHOWN]}
    lines = []
    for item in dates:
        meet = item.meet
        cancelled = meet is not None and meet.cancelled
        if not cancelled and id(item) not in shown:
            continue
        line = timestamp(item.starts_at, "F")
        if cancelled:
            line += " · " + t(lang, "meets-status-cancelled")
        elif meet is not None:
            if meet.capacity:
                places = f"{meet.going}/{meet.capacity}"
            else:
                places = t(lang, "meets-going-short", count=meet.going)
            line += f" · {places}"
        if meet is not None and meet.jump_url:
            line += " · " + t(lang, "meets-announcement-link", url=meet.jump_url)
        lines.append(line)
    if not live:
        lines.append(t(lang, "meets-no-more-dates"))
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


def repeat_text(rule: SeriesRule | RepeatRule, lang: str = DEFAULT) -> str:
    return t(lang, "meets-repeats", rule=plain(rule_text(rule, lang), 300))


def meets_list_embed(
    single: Sequence[Meet],
    repeating: Sequence[tuple[SeriesRule, Sequence[NextDate]]],
    lang: str = DEFAULT,
) -> discord.Embed:
    """/meet list: one-off meets, then each recurring meet once: its rule, place and
    when each date's RSVPs close, then its next dates."""
    embed = list_embed(single, lang)
    if not repeating:
        return embed
    if not single:
        embed.description = None
    for rule, dates in repeating[:10]:
        about = [repeat_text(rule, lang), plain(rule.location, 100)]
        if rule.rsvp_before_min is not None:
            about.append(
                t(lang, "meets-list-rsvp-before", before=before_words(rule.rsvp_before_min, lang))
            )
        embed.add_field(
            name=truncate(f"🔁 {' '.join(rule.title.split())}", 256),
            value=truncate(f"{' · '.join(about)}\n{next_dates_text(dates, lang)}", FIELD_LIMIT),
            inline=False,
        )
    return embed


def add_repeat_field(
    embed: discord.Embed, rule: SeriesRule, dates: Sequence[NextDate], lang: str = DEFAULT
) -> None:
    """/meet info of a date of a recurring meet: the rule in words, when each date's
    RSVPs close, and what comes next."""
    closes = rsvp_before_text(rule.rsvp_before_min, lang)
    rule_words = plain(rule_text(rule, lang), 300) + (f"\n{closes}" if closes else "")
    embed.add_field(
        name=t(lang, "meets-field-repeats"),
        value=truncate(
            t(
                lang,
                "meets-repeat-field",
                rule=rule_words,
                dates=next_dates_text(dates, lang),
            ),
            1024,
        ),
        inline=False,
    )


def kept_time_text(meet: Meet, rule: SeriesRule, lang: str = DEFAULT) -> str:
    """To members who answered a date that kept its time when the series' time changed."""
    return t(
        lang,
        "meets-kept-time",
        meet=meet_ref(meet),
        rule=plain(rule_text(rule, lang), 300),
        when=timestamp(meet.starts_at, "F"),
    )


def series_edit_summary(result: SeriesEdit, lang: str = DEFAULT) -> str:
    parts = [t(lang, "meets-series-updated", rule=plain(rule_text(result.rule, lang), 300))]
    if result.moved:
        parts.append(t(lang, "meets-series-moved", count=len(result.moved)))
    if result.kept:
        told = sum(len(ids) for _, ids in result.kept)
        parts.append(t(lang, "meets-series-kept", count=len(result.kept), told=told))
    return " ".join(parts)
