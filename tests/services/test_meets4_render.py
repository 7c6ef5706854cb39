"""How meets read where Discord shows them: a recurring meet's dates within a field,
and titles in embed field names."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.render.series import next_dates_text
from bot.render.text import unmarked
from bot.services.meets import Meet
from bot.services.meets.series import NextDate

START = datetime(2027, 6, 6, 8, 0, tzinfo=UTC)


def _meet(day: int, *, reason: str | None = None, cancelled: bool = False) -> Meet:
    starts = START + timedelta(days=7 * day)
    return Meet(
        id=day + 1,
        guild_id=1577341758348460036,
        title="Sunday Drive",
        starts_at=starts,
        ends_at=None,
        location="Leipzig",
        description="",
        capacity=None,
        series="",
        channel_id=1577341758348460039,
        message_id=1577341770860068901 + day,
        event_id=None,
        created_by=1,
        created_at=START,
        cancelled_at=START if cancelled or reason else None,
        cancel_reason=reason,
    )


def _dates(cancelled: int, reason: str) -> list[NextDate]:
    meets = [_meet(i, reason=reason) for i in range(cancelled)]
    meets += [_meet(i) for i in range(cancelled, cancelled + 4)]
    return [
        NextDate(date(2027, 6, 6) + timedelta(days=7 * i), m.starts_at, m)
        for i, m in enumerate(meets)
    ]


def test_cancelled_dates_show_their_reason_and_links_when_there_is_room() -> None:
    text = next_dates_text(_dates(1, "Rain"), "en", reasons=True)
    lines = text.splitlines()
    assert lines[0].startswith("<t:1812268800:F> · **cancelled**: Rain · [announcement]("), lines
    assert len(lines) == 5 and all("[announcement](" in line for line in lines), lines
    assert (
        next_dates_text(_dates(1, "Rain"), "en")
        .splitlines()[0]
        .startswith("<t:1812268800:F> · **cancelled** · [")
    ), "the list leaves reasons to /meet info"


def test_many_long_reasons_give_way_to_the_dates_within_the_limit() -> None:
    """Four cancelled dates with 300-character reasons and four that go ahead: every
    date still fits in a field, reasons and links going first."""
    dates = _dates(4, "Storm warning for the whole region " * 9)
    for limit in (1024, 600):
        text = next_dates_text(dates, "de", reasons=True, limit=limit)
        assert len(text) <= limit, len(text)
        lines = text.splitlines()
        assert len(lines) == 8, lines
        assert all("**abgesagt**" in line for line in lines[:4]), lines
    tight = next_dates_text(dates, "en", reasons=True, limit=200)
    assert len(tight) <= 200 and tight.endswith("…"), tight
    assert tight.startswith("<t:1812268800:F> · **cancelled**"), tight


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("**Big** Meet", "Big Meet"),
        ("__Cars__ & *Coffee*", "Cars & Coffee"),
        ("***wow*** ~~old~~ ||new|| `code`", "wow old new code"),
        ("# Sunday Drive", "Sunday Drive"),
        ("> 500 cars", "500 cars"),
        ("[Ring](https://example.org/ring) day", "Ring day"),
        ("_Track_ day", "Track day"),
        # What isn't markdown stays as typed: underscores inside words, lone stars.
        ("C_class_meet", "C_class_meet"),
        ("2*3 cars", "2*3 cars"),
        (">500 cars", ">500 cars"),
        ("**unclosed meet", "**unclosed meet"),
        ("\\*not bold\\*", "*not bold*"),
        (
            "@everyone <@123456789012345678> meet",
            "@\u200beveryone <@\u200b123456789012345678> meet",
        ),
    ],
)
def test_unmarked_titles_read_as_meant(typed: str, shown: str) -> None:
    assert unmarked(typed) == shown
