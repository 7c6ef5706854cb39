"""The club side's words in both languages, at the render level: summaries, record
posts (found again whatever language they went out in), the garage's counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from bot.render.attendance import is_record_announcement, record_announcement, stop_summary
from bot.render.garage import share_text
from bot.services.attendance.models import CounterState, MeetInfo, StopSummary
from bot.services.attendance.records import Record
from bot.services.garage import RegisterStats

MEET = MeetInfo(1, 2, "1M Meet 2027", datetime(2027, 6, 1, 12, tzinfo=UTC), "", False)
RECORD = Record(80, "1M Meet 2023", date(2023, 8, 26))


@pytest.mark.parametrize(
    ("lang", "series", "expected"),
    [
        ("en", "", "Final: 12 cars. First meet on record for the whole server."),
        ("de", "", "Endstand: 12 Autos. Das erste erfasste Treffen für den ganzen Server."),
        ("en", "Ring", "Final: 12 cars. First meet on record for Ring."),
        ("de", "Ring", "Endstand: 12 Autos. Das erste erfasste Treffen der Reihe Ring."),
    ],
)
def test_a_first_meet_says_whose_first_it_is(lang: str, series: str, expected: str) -> None:
    summary = StopSummary(replace(MEET, series=series), 12, 12, 0, None, 12)
    assert stop_summary(summary, lang) == expected


def test_summaries_with_a_record_and_a_peak() -> None:
    summary = StopSummary(MEET, 1495, 1400, 95, Record(1200, "Treffen", date(2023, 8, 26)), 1500)
    assert stop_summary(summary, "de") == (
        "Endstand: 1.495 Autos (Höchststand 1.500). Neuer Clubrekord, +295 gegenüber dem "
        "bisherigen Rekord von 1.200 bei Treffen."
    )
    assert stop_summary(summary, "en") == (
        "Final: 1,495 cars (peak 1,500). New club record, +295 over the 1,200 set at Treffen."
    )


def _state(*, live: bool = True, **changes: object) -> CounterState:
    fields: dict[str, object] = dict.fromkeys(CounterState.__dataclass_fields__)
    fields.update(
        meet=MEET,
        held_on=date(2027, 6, 1),
        channel_id=5,
        started_at=datetime(2027, 6, 1, 12, tzinfo=UTC),
        stopped_at=None if live else datetime(2027, 6, 1, 18, tzinfo=UTC),
        checked_in=81,
        staff=0,
        high_water=81,
        record=RECORD,
        previous_record=RECORD,
        record_broken_at=datetime(2027, 6, 1, 13, tzinfo=UTC),
        record_broken_cars=81,
        recent=(),
        corrections=(),
    )
    fields.update(changes)
    return CounterState(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_record_post_is_recognised_in_every_language_and_form(lang: str) -> None:
    state = _state()
    first = record_announcement(state, 42, first=True, lang=lang)
    higher = record_announcement(_state(high_water=90, checked_in=90), lang=lang)
    final = record_announcement(_state(live=False, checked_in=85, high_water=90), lang=lang)
    stands = record_announcement(_state(live=False, checked_in=80, high_water=90), lang=lang)
    assert len({first, higher, final, stands}) == 4
    for text in (first, higher, final, stands):
        assert is_record_announcement(text, state), text
        other = _state(meet=replace(MEET, title="Another meet"))
        assert not is_record_announcement(text, other), text
    if lang == "de":
        assert first == (
            "<@&42> 🏁 Neuer Clubrekord: 81 Autos bei 1M Meet 2027. "
            "Bisheriger Rekord: 80 (1M Meet 2023, 26. Aug. 2023)."
        )


def test_the_share_of_production_in_each_language() -> None:
    stats = RegisterStats("BMW 1M Coupé", "bmw-1m-e82", 37, 30, 12, (), (), (), 6309)
    assert share_text(stats, "1M Coupé", "en") == (
        "This club has 37 of the 6,309 1M Coupés built: 0.6 %"
    )
    assert share_text(stats, "1M Coupé", "de") == (
        "Im Club sind 37 der 6.309 gebauten Exemplare (1M Coupé): 0,6 %"
    )
    one = RegisterStats("BMW 1M Coupé", "bmw-1m-e82", 1, 1, 1, (), (), (), 6309)
    assert share_text(one, "1M Coupé", "de") == (
        "Im Club ist 1 der 6.309 gebauten Exemplare (1M Coupé): 0,02 %"
    )
