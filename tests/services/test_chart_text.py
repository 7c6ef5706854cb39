"""Member text on the charts: any characters, no glyph warnings, labels that still read.

The render tests turn every warning into an error, so a glyph matplotlib cannot draw
("Glyph ... missing from font(s) DejaVu Sans", a UserWarning) fails them.
"""

from __future__ import annotations

import io
from datetime import date
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from bot.render.chart import render_chart
from bot.render.chart_text import UNREADABLE, drawable, font_families
from bot.render.register_chart import render_register_chart
from bot.services.attendance.records import HistoryEntry
from bot.services.garage import Count, RegisterStats

# Emoji, CJK, a mathematical letter, a bidi override, a zero-width joiner sequence.
ODD = (
    "Alpinweiß 🏁",
    "赤いペンキ",
    "Le Mans Blau 🇫🇷",
    "𝔘ltra grün",
    "x\u202e$5 entry",
    "👨\u200d👩\u200d👧",
    "Schwarz\tII\n(2011)",
)


def _cjk_drawable() -> bool:
    return drawable("赤") == "赤"


def test_labels_keep_what_can_be_read() -> None:
    assert font_families()[0] == "DejaVu Sans"
    assert drawable("Alpinweiß 🏁") == "Alpinweiß"
    assert drawable("Schwarz\tII\n(2011)") == "Schwarz II (2011)"
    assert drawable("x\u202e$5 entry") == r"x\$5 entry"  # no reordering, no maths
    assert drawable("👨\u200d👩\u200d👧") == UNREADABLE
    # CJK is drawn where a CJK font is installed, else the label says it can't be read.
    assert drawable("赤いペンキ") == ("赤いペンキ" if _cjk_drawable() else UNREADABLE)


@cache
def _in_some_font() -> frozenset[int]:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    have: set[int] = set()
    for family in font_families():
        path = font_manager.findfont(font_manager.FontProperties(family=family))
        have.update(FT2Font(path).get_charmap())
    return frozenset(have)


@given(st.text(max_size=40))
def test_any_text_becomes_a_label_of_drawable_characters(text: str) -> None:
    have = _in_some_font()
    label = drawable(text)
    assert label, "a label is never empty"
    assert all(ord(ch) in have for ch in label), label
    assert label == label.strip() and "  " not in label and "\n" not in label
    # Whatever readable letters the text had and the fonts draw are kept, in order.
    letters = [ch for ch in text if ch.isalnum() and ord(ch) in have]
    assert [ch for ch in label if ch.isalnum()] == letters or label == UNREADABLE


@pytest.mark.filterwarnings("error")
def test_register_chart_draws_odd_labels_without_a_glyph_warning() -> None:
    colours = tuple(Count(label, 9 - i, i % 2) for i, label in enumerate(ODD))
    stats = RegisterStats(
        "Club 🚗 東京", None, 28, 20, 12, colours, (Count("2011", 28, 12),), (), None
    )
    chart = render_register_chart(stats, "Club 🚗 東京 $5", "de")
    image = Image.open(io.BytesIO(chart.png))
    image.load()
    assert image.size == (chart.width, chart.height)
    assert chart.bars == len(ODD) + 1


@pytest.mark.filterwarnings("error")
def test_records_chart_draws_odd_series_and_title_without_a_glyph_warning() -> None:
    entries = [
        HistoryEntry(i, 1, label, None, "import", label, date(2015 + i, 8, 26), 40 + i)
        for i, label in enumerate(ODD)
    ]
    chart = render_chart(entries, 46, "🏁 Treffen 東京", by_series=True)
    assert chart.bars == len(ODD)
    # The legend names every series: the member's text, not the drawn form.
    assert chart.series == ODD
    Image.open(io.BytesIO(chart.png)).load()
