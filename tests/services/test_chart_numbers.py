"""The records chart writes its counts as the embed beside it does: grouped the
language's way ('1,234' / '1.234'), never a bare '1234' under a heading that says
'record 1,234'."""

from __future__ import annotations

from datetime import date

import pytest

from bot.render.chart import render_chart
from bot.services.attendance.records import HistoryEntry

GUILD = 1


def _entries(counts: list[tuple[str, int]]) -> list[HistoryEntry]:
    return [
        HistoryEntry(i, GUILD, "Nürburgring", None, "import", "1M Meet", date.fromisoformat(d), n)
        for i, (d, n) in enumerate(counts)
    ]


@pytest.mark.parametrize(
    ("lang", "record", "tick"),
    [("en", "★ 1,234", "1,000"), ("de", "★ 1.234", "1.000")],
)
def test_bar_values_and_the_count_axis_are_grouped(lang: str, record: str, tick: str) -> None:
    entries = _entries([("2019-08-24", 1234), ("2022-08-27", 67), ("2023-08-26", 1080)])
    chart = render_chart(entries, 1234, "Nürburgring", lang=lang)
    assert record in chart.texts
    assert tick in chart.texts
    years = {"2019", "2022", "2023"}  # the axis of when: years are not counts
    bare = [t for t in chart.texts if t.removeprefix("★ ").isdigit() and len(t) > 3]
    assert set(bare) <= years, chart.texts
