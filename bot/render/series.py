"""How recurring meets look in Discord: the rule in words, the next dates, the notices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import discord

from bot.i18n import DEFAULT, t
from bot.i18n.formats import long_date, weekday
from bot.render.formatting import timestamp
from bot.render.meets import FIELD_LIMIT, list_embed, meet_ref
from bot.render.text import plain, truncate, unmarked
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


def next_dates_text(
    dates: Sequence[NextDate],
    lang: str = DEFAULT,
    *,
    reasons: bool = False,
    limit: int = FIELD_LIMIT,
) -> str:
    """One line per upcoming date; a date already announced links to its announcement.
    A cancelled date (SeriesService.listed_dates) says so, with its reason if `reasons`
    and it has one, as a cancelled meet's line does, and doesn't take the place of a
    date that goes ahead. Within `limit` characters: detail goes before dates do
    (cancelled dates' links, then reasons, then every link), and only then whole lines."""
    live = [item for item in dates if item.meet is None or not item.meet.cancelled]
    if not dates:
        return t(lang, "meets-no-more-dates")
    shown = {id(item) for item in live[:NEXT_SHOWN]}
    listed = [item for item in dates if id(item) in shown or _cancelled(item)]
    tail = [] if live else [t(lang, "meets-no-more-dates")]
    for detail in range(3, -1, -1):
        lines = [_date_line(item, lang, detail, reasons=reasons) for item in listed] + tail
        text = "\n".join(lines)
        if len(text) <= limit:
            return text
    while len(lines) > 1 and len("\n".join(lines)) > limit - 2:
        lines.pop()
    return truncate("\n".join([*lines, "…"]), limit)


def _cancelled(item: NextDate) -> bool:
    return item.meet is not None and item.meet.cancelled


def _date_line(item: NextDate, lang: str, detail: int, *, reasons: bool) -> str:
    """A date's line; `detail` 3 says everything, 2 drops a cancelled date's link, 1 its
    reason too, 0 every link."""
    meet = item.meet
    line = timestamp(item.starts_at, "F")
    if meet is not None and meet.cancelled:
        if reasons and meet.cancel_reason and detail >= 2:
            reason = plain(meet.cancel_reason, 100)
            line += " · " + t(lang, "meets4-date-cancelled-because", reason=reason)
        else:
            line += " · " + t(lang, "meets-status-cancelled")
        if detail >= 3 and meet.jump_url:
            line += " · " + t(lang, "meets-announcement-link", url=meet.jump_url)
        return line
    if meet is not None:
        if meet.capacity:
            places = f"{meet.going}/{meet.capacity}"
        else:
            places = t(lang, "meets-going-short", count=meet.going)
        line += f" · {places}"
        if detail >= 1 and meet.jump_url:
            line += " · " + t(lang, "meets-announcement-link", url=meet.jump_url)
    return line


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
        head = truncate(" · ".join(about), FIELD_LIMIT // 2)
        embed.add_field(
            name=truncate(f"🔁 {unmarked(rule.title)}", 256),
            value=f"{head}\n{next_dates_text(dates, lang, limit=FIELD_LIMIT - len(head) - 1)}",
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
    room = FIELD_LIMIT - len(t(lang, "meets-repeat-field", rule=rule_words, dates=""))
    text = next_dates_text(dates, lang, reasons=True, limit=room)
    embed.add_field(
        name=t(lang, "meets-field-repeats"),
        value=truncate(t(lang, "meets-repeat-field", rule=rule_words, dates=text), FIELD_LIMIT),
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
    promoted = sum(len(edit.promoted) for edit in (*result.moved, *result.edited))
    if promoted:
        parts.append(t(lang, "meets4-moved-up", count=promoted))
    return " ".join(parts)
