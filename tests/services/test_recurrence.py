"""The repeat rules' dates: nth and last weekday, the 31st, DST, until and count."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput
from bot.services.meets.recurrence import RepeatRule, build_rule

BERLIN = "Europe/Berlin"
TZ = ZoneInfo(BERLIN)


def local(y: int, m: int, d: int, h: int = 10, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=TZ)


def dates(rule: RepeatRule, n: int = 50) -> list[date]:
    return [d for _, d in zip(range(n), (w.date() for w in rule.local_dates()), strict=False)]


def span(rule: RepeatRule, start: datetime, days: int) -> list[datetime]:
    return [s for _, s in rule.occurrences(start, start + timedelta(days=days))]


def test_first_sunday_of_each_month() -> None:
    rule = build_rule("monthly_weekday", local(2027, 1, 3), BERLIN)  # 3 Jan 2027: 1st Sunday
    assert dates(rule, 6) == [
        date(2027, 1, 3),
        date(2027, 2, 7),
        date(2027, 3, 7),
        date(2027, 4, 4),
        date(2027, 5, 2),
        date(2027, 6, 6),
    ]
    assert rule.describe() == "every first Sunday at 10:00 (Europe/Berlin)"


def test_third_tuesday() -> None:
    rule = build_rule("monthly_weekday", local(2027, 1, 19, 19), BERLIN)
    got = dates(rule, 3)
    assert got == [date(2027, 1, 19), date(2027, 2, 16), date(2027, 3, 16)]
    assert all(d.weekday() == 1 and 15 <= d.day <= 21 for d in dates(rule, 24))


def test_last_saturday() -> None:
    rule = build_rule("monthly_weekday", local(2027, 1, 30, 9), BERLIN, last_weekday=True)
    got = dates(rule, 4)
    assert got == [date(2027, 1, 30), date(2027, 2, 27), date(2027, 3, 27), date(2027, 4, 24)]
    for day in dates(rule, 24):
        assert day.weekday() == 5 and (day + timedelta(days=7)).month != day.month
    assert "every last Saturday at 09:00" in rule.describe()


def test_fifth_weekday_is_refused_and_last_needs_a_last_one() -> None:
    with pytest.raises(InvalidInput, match="last one"):
        build_rule("monthly_weekday", local(2027, 1, 31), BERLIN)  # 5th Sunday
    with pytest.raises(InvalidInput, match="not the last"):
        build_rule("monthly_weekday", local(2027, 1, 3), BERLIN, last_weekday=True)


def test_the_31st_is_the_last_day_of_shorter_months() -> None:
    rule = build_rule("monthly_date", local(2027, 1, 31), BERLIN)
    got = dates(rule, 14)
    assert got[:6] == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
        date(2027, 5, 31),
        date(2027, 6, 30),
    ]
    assert date(2028, 2, 29) in got  # a leap year's February ends on the 29th
    assert "the last day in shorter months" in rule.describe()


def test_the_14th_every_month() -> None:
    rule = build_rule("monthly_date", local(2027, 1, 14), BERLIN)
    assert {d.day for d in dates(rule, 24)} == {14}
    assert rule.describe().startswith("every month on the 14th at 10:00")


def test_every_two_weeks() -> None:
    rule = build_rule("weekly", local(2027, 6, 5, 8), BERLIN, interval=2)
    got = dates(rule, 5)
    assert [(b - a).days for a, b in itertools.pairwise(got)] == [14] * 4
    assert rule.describe().startswith("every 2 weeks on Saturday at 08:00")


def test_wall_clock_across_both_dst_changes() -> None:
    """Every Sunday 10:00 Berlin: 09:00 UTC in winter, 08:00 UTC in summer."""
    rule = build_rule("weekly", local(2027, 3, 14), BERLIN)
    starts = span(rule, datetime(2027, 3, 1, tzinfo=UTC), 250)
    assert all(s.astimezone(TZ).hour == 10 and s.astimezone(TZ).minute == 0 for s in starts)
    by_day = {s.astimezone(TZ).date(): s.hour for s in starts}
    assert by_day[date(2027, 3, 21)] == 9  # before the change on 28 March
    assert by_day[date(2027, 3, 28)] == 8  # the day the clocks go forward
    assert by_day[date(2027, 10, 24)] == 8
    assert by_day[date(2027, 10, 31)] == 9  # the day the clocks go back


def test_a_skipped_hour_moves_past_the_change() -> None:
    rule = build_rule("weekly", local(2027, 3, 21, 2, 30), BERLIN)
    starts = span(rule, datetime(2027, 3, 20, tzinfo=UTC), 10)
    assert [s.astimezone(TZ).strftime("%d %H:%M") for s in starts] == ["21 02:30", "28 03:30"]


def test_until_includes_its_day_and_count_counts() -> None:
    until = build_rule("weekly", local(2027, 6, 6), BERLIN, until=date(2027, 6, 27))
    assert dates(until) == [
        date(2027, 6, 6),
        date(2027, 6, 13),
        date(2027, 6, 20),
        date(2027, 6, 27),
    ]
    assert until.describe().endswith("until 27 June 2027")
    counted = build_rule("monthly_weekday", local(2027, 6, 6), BERLIN, count=3)
    assert dates(counted) == [date(2027, 6, 6), date(2027, 7, 4), date(2027, 8, 1)]
    assert counted.describe().endswith("3 times")


def test_stopped_from_ends_the_rule_and_bad_input_is_refused() -> None:
    rule = build_rule("weekly", local(2027, 6, 6), BERLIN)
    from dataclasses import replace

    stopped = replace(rule, stopped_from=date(2027, 6, 20))
    assert dates(stopped) == [date(2027, 6, 6), date(2027, 6, 13)]
    assert span(stopped, local(2027, 6, 1), 60) == [local(2027, 6, 6), local(2027, 6, 13)]
    with pytest.raises(InvalidInput):
        build_rule("weekly", local(2027, 6, 6), BERLIN, until=date(2027, 6, 1))
    with pytest.raises(InvalidInput):
        build_rule("weekly", local(2027, 6, 6), BERLIN, until=date(2027, 9, 1), count=3)
    with pytest.raises(InvalidInput):
        build_rule("weekly", local(2027, 6, 6), BERLIN, interval=0)
    with pytest.raises(InvalidInput):
        build_rule("daily", local(2027, 6, 6), BERLIN)
