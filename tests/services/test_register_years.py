"""The register's years fit the club: single years for a young one, spans or decades for
one whose cars span a lifetime, in the chart and the embed, in English and German."""

from __future__ import annotations

from itertools import pairwise

from bot.render.garage import register_embed
from bot.render.register_chart import LABEL_GAP_PX, MAX_YEARS, render_register_chart
from bot.render.year_buckets import bucket_label, chart_label, year_buckets
from bot.services.garage import Count, RegisterStats

OLD_AND_NEW = [1965, 1967, 1972, 1988, 1991, 1995, 2001, 2008, 2011, 2012, 2016, 2021, 2024]


def _years(years: list[int], unknown: int = 0) -> tuple[Count, ...]:
    counts = [Count(str(y), 1 + y % 3, y % 2) for y in years]
    return tuple(counts + ([Count("unknown", unknown, 0)] if unknown else []))


def _stats(years: tuple[Count, ...]) -> RegisterStats:
    cars = sum(c.cars for c in years)
    colours = (Count("Alpine White", cars, 0),)
    return RegisterStats(None, None, cars, cars, 0, colours, years, (), None)


def test_a_young_club_reads_single_years() -> None:
    buckets = year_buckets(_years([2011, 2012]), MAX_YEARS)
    assert [bucket_label(b, "en") for b in buckets] == ["2011", "2012"]
    assert [b.cars for b in buckets] == [1 + 2011 % 3, 1 + 2012 % 3]
    chart = render_register_chart(_stats(_years([2011, 2012])), "BMW 1M Coupé")
    assert chart.bars == 1 + 2  # one colour, two years: nothing folded


def test_a_club_of_six_decades_reads_decades_without_a_lump() -> None:
    buckets = year_buckets(_years(OLD_AND_NEW, unknown=2), MAX_YEARS)
    known = [b for b in buckets if b.start is not None]
    assert [bucket_label(b, "en") for b in known] == [
        "1960s",
        "1970s",
        "1980s",
        "1990s",
        "2000s",
        "2010s",
        "2020s",
    ]
    assert [bucket_label(b, "de") for b in known][:2] == ["1960er", "1970er"]
    assert [bucket_label(b, "en", short=True) for b in known][:2] == ["’60s", "’70s"]
    assert [bucket_label(b, "de", short=True) for b in known][-1] == "20er"
    # Every car is in exactly one bar; the two without a year in their own.
    assert sum(b.cars for b in buckets) == sum(c.cars for c in _years(OLD_AND_NEW, 2))
    assert (buckets[-1].start, buckets[-1].cars) == (None, 2)
    chart = render_register_chart(_stats(_years(OLD_AND_NEW, unknown=2)), "All", "de")
    assert chart.bars == 1 + 7  # seven decades; the unknown ones named in the title


def test_spans_run_from_the_oldest_car_to_the_newest() -> None:
    buckets = year_buckets(_years([1886, 1935, 1965, 2024]), MAX_YEARS)
    labels = [bucket_label(b, "en") for b in buckets]
    assert labels[0] == "1886–99" and labels[-1] == "2000–24", labels
    assert chart_label(buckets[0], "en", short=False) == "1886\n–99"  # narrow bars
    # Eight single years don't fit the chart: two-year spans, each year in one.
    two = year_buckets(_years(list(range(2004, 2012))), MAX_YEARS)
    assert [bucket_label(b, "de") for b in two] == ["2004–05", "2006–07", "2008–09", "2010–11"]


def test_the_embed_lists_every_year_in_spans_not_the_oldest_fifteen() -> None:
    years = _years(list(range(1965, 2025)), unknown=1)
    field = next(f for f in register_embed(_stats(years), None, "en").fields if f.name == "By year")
    lines = (field.value or "").splitlines()
    assert "× 1965–69" in lines[0], lines
    assert lines[-1].endswith("× unknown") and not any("more" in line for line in lines)
    assert len(lines) <= 13
    german = next(
        f for f in register_embed(_stats(years), None, "de").fields if "Baujahr" in f.name
    )
    assert (german.value or "").splitlines()[-1].endswith("× unbekannt")


def test_year_labels_never_run_together_beside_long_colour_names() -> None:
    names = ["Alpine White", "Alpinweiß", "Isle of Man Green", "Le Mans Blau"]
    names += ["phoenix yellow", "Red", "Silver", "Valencia Orange"]
    colours = tuple(Count(name, 1, 0) for name in names)
    years = _years([1965, 1988, 2003, 2009, 2011, 2022], unknown=1)
    stats = RegisterStats(None, None, 8, 3, 0, colours, years, (), None)
    for lang in ("en", "de"):
        boxes = render_register_chart(stats, "Alle Autos der Mitglieder", lang).text_boxes
        # Seven decades on a panel narrowed by the colour names: short labels, or every
        # other one, never touching.
        assert len(boxes) >= 4, boxes
        for a, b in pairwise(boxes):
            assert a[2] + LABEL_GAP_PX <= b[0], (lang, a, b)


def test_full_labels_where_they_fit_short_ones_where_not() -> None:
    colours = (Count("Red", 2, 0),)
    young = render_register_chart(_stats(_years([2011, 2012])), "1M", "en")
    assert len(young.text_boxes) == 2  # "2011", "2012": both, in full
    decades = _years([1965, 1972, 1988, 1991, 2001, 2011, 2024])
    stats = RegisterStats(None, None, 9, 3, 0, colours, decades, (), None)
    chart = render_register_chart(stats, "All", "en")
    assert len(chart.text_boxes) == 7  # seven decades, each labelled ("’60s" … "’20s")
