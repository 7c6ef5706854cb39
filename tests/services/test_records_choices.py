"""/records remove's list names each entry as /records show does, day first so a long
label is what gets cut: '26 Aug 2023 · 80 cars · 1M Meet 2023 [Nürburgring]' (it was
'1M Meet 2023 [Nürburgring] · 2023-08-26 · 80', the day cut off after a long label)."""

from __future__ import annotations

from datetime import date

from bot.render.attendance import history_choice
from bot.services.attendance.records import HistoryEntry


def _entry(label: str, cars: int, series: str = "Nürburgring") -> HistoryEntry:
    return HistoryEntry(7, 1, series, None, "import", label, date(2023, 8, 26), cars)


def test_the_day_and_count_come_first_in_the_members_language() -> None:
    english = history_choice(_entry("1M Meet 2023", 80), "en")
    assert english.name == "26 Aug 2023 · 80 cars · 1M Meet 2023 [Nürburgring]"
    assert english.value == "7"
    assert history_choice(_entry("Treffen", 1, ""), "de").name == "26. Aug. 2023 · 1 Auto · Treffen"
    assert history_choice(_entry("x", 1_234, ""), "en").name.startswith("26 Aug 2023 · 1,234 cars")


def test_a_long_label_is_cut_not_the_day() -> None:
    choice = history_choice(_entry("x" * 99, 12), "en")
    assert choice.name.startswith("26 Aug 2023 · 12 cars · xxx")
    assert len(choice.name) <= 100 and choice.name.endswith("…")
