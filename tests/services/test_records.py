"""Club records: importing past meets, removing them, and the history chart."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from bot.clock import ManualClock
from bot.db import Database
from bot.errors import Conflict, InvalidInput, NotFound
from bot.i18n import t
from bot.render.chart import MAX_BARS, MIN_PREVIEW_PX, render_chart
from bot.services.attendance import HistoryEntry, RecordsService
from bot.services.meets import MeetService
from tests.services import meetkit

GUILD, OTHER_GUILD = 111, 222
BERLIN = ZoneInfo("Europe/Berlin")
# Late evening UTC is already the next day in Berlin.
NOW = datetime(2024, 8, 25, 22, 30, tzinfo=UTC)


@pytest.fixture
def records(db: Database) -> RecordsService:
    return RecordsService(db, ManualClock(NOW))


async def add(
    records: RecordsService,
    cars: int,
    held_on: str,
    label: str,
    series: str | None = None,
    guild_id: int = GUILD,
) -> HistoryEntry:
    return await records.import_entry(
        guild_id, cars=cars, held_on=held_on, label=label, series=series, actor_id=1, tz=BERLIN
    )


async def test_import_sets_the_record_to_beat(records: RecordsService) -> None:
    assert await records.record(GUILD) is None
    await add(records, 60, "2022-08-27", "1M Meet 2022")
    await add(records, 80, "2023-08-26", "  1M   Meet 2023 ")
    await add(records, 70, "2021-08-28", "1M Meet 2021")
    best = await records.record(GUILD)
    assert best is not None
    assert (best.cars, best.label, best.held_on) == (80, "1M Meet 2023", date(2023, 8, 26))
    history = await records.history(GUILD)
    assert [h.cars for h in history] == [70, 60, 80]  # by date


async def test_ties_keep_the_first_meet_that_set_the_record(records: RecordsService) -> None:
    await add(records, 80, "2023-08-26", "Later")
    await add(records, 80, "2020-08-26", "First")
    best = await records.record(GUILD)
    assert best is not None
    assert best.label == "First"


async def test_series_and_servers_are_separate(records: RecordsService) -> None:
    await add(records, 80, "2023-08-26", "1M Meet 2023", series="1M Meet")
    await add(records, 500, "2023-06-01", "Other club", guild_id=OTHER_GUILD)
    await add(records, 60, "2024-06-01", "Spa", series="Spa")
    one_m = await records.record(GUILD, "1M Meet")
    assert one_m is not None
    assert one_m.cars == 80
    spa = await records.record(GUILD, "spa")
    assert spa is not None and spa.cars == 60
    # No series: the whole server's record, never another server's.
    server = await records.record(GUILD)
    assert server is not None and server.cars == 80
    assert [e.label for e in await records.history(GUILD)] == ["1M Meet 2023", "Spa"]
    assert await records.history_size(GUILD) == 2
    assert await records.series_names(GUILD) == ["1M Meet", "Spa"]
    assert await records.imported(OTHER_GUILD, "1M") == []


async def test_remove_undoes_an_import_and_only_in_its_server(records: RecordsService) -> None:
    wrong = await add(records, 800, "2023-08-26", "Typo meet")
    await add(records, 80, "2023-08-26", "1M Meet 2023")
    with pytest.raises(NotFound):
        await records.remove_import(OTHER_GUILD, wrong.id)
    assert [e.label for e in await records.imported(GUILD, "typo")] == ["Typo meet"]
    removed = await records.remove_import(GUILD, wrong.id)
    assert removed.cars == 800
    best = await records.record(GUILD)
    assert best is not None
    assert best.cars == 80
    with pytest.raises(NotFound):
        await records.remove_import(GUILD, wrong.id)


async def test_duplicate_import_is_refused(records: RecordsService) -> None:
    await add(records, 80, "2023-08-26", "1M Meet 2023")
    with pytest.raises(Conflict, match="already in the history"):
        await add(records, 81, "2023-08-26", "1M Meet 2023")


@pytest.mark.parametrize(
    ("held_on", "message"),
    [
        ("08/26/2023", "YYYY-MM-DD"),
        ("2023-02-30", "does not exist"),
        ("2024-08-27", "in the future"),
        ("1899-12-31", "before 1900"),
        ("", "YYYY-MM-DD"),
    ],
)
async def test_bad_dates_get_a_friendly_message(
    records: RecordsService, held_on: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message) as info:
        await add(records, 80, held_on, "x")
    assert info.value.message.startswith("`date`")


@pytest.mark.parametrize("typed", ["26.08.2023", "26.8.2023", " 26.08.2023 "])
async def test_a_german_date_is_read_day_first(records: RecordsService, typed: str) -> None:
    entry = await add(records, 80, typed, "1M Meet 2023")
    assert entry.held_on == date(2023, 8, 26)


async def test_a_german_date_that_does_not_exist_is_named(records: RecordsService) -> None:
    with pytest.raises(InvalidInput, match=r"30\.02\.2023 does not exist"):
        await add(records, 80, "30.02.2023", "x")


async def test_today_in_the_servers_zone_is_allowed(records: RecordsService) -> None:
    # 22:30 UTC on the 25th is already the 26th in Berlin.
    entry = await add(records, 10, "2024-08-26", "Tonight")
    assert entry.held_on == date(2024, 8, 26)


@pytest.mark.parametrize(
    ("cars", "label", "field"),
    [(-1, "x", "count"), (100_001, "x", "count"), (5, "   ", "label"), (5, "x" * 101, "label")],
)
async def test_counts_and_labels_are_validated(
    records: RecordsService, cars: int, label: str, field: str
) -> None:
    with pytest.raises(InvalidInput, match=f"`{field}`"):
        await add(records, cars, "2023-08-26", label)


async def test_chart_has_a_bar_per_meet_and_decodes(records: RecordsService) -> None:
    for year, cars in ((2020, 41), (2021, 55), (2022, 60), (2023, 80)):
        await add(records, cars, f"{year}-08-26", f"1M Meet {year} $pecial")
    history = await records.history(GUILD)
    chart = render_chart(history, 80, "1M Meet")
    assert chart.bars == 4
    image = Image.open(io.BytesIO(chart.png))
    image.load()
    assert image.format == "PNG"
    assert image.size == (chart.width, chart.height) == (1000, 560)


def test_chart_shows_the_newest_twelve_meets() -> None:
    entries = [
        HistoryEntry(i, GUILD, "", None, "import", f"Meet {i}", date(1990 + i, 1, 1), i)
        for i in range(35)
    ]
    chart = render_chart(entries, None, "All meets")
    assert chart.bars == MAX_BARS == 12
    assert Image.open(io.BytesIO(chart.png)).size == (1000, 560)


def test_chart_counts_whole_cars() -> None:
    # A small club's first meets: 1 and 2 cars. The axis reads 0, 1, 2, never 0.25.
    entries = _entries([("", "2023-05-01", 1), ("", "2024-05-01", 2)])
    chart = render_chart(entries, 2, "Cars & Coffee")
    [ticks] = chart.count_ticks
    assert ticks and all(v.is_integer() for v in ticks), ticks


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _entries(counts: list[tuple[str, str, int]]) -> list[HistoryEntry]:
    return [
        HistoryEntry(i, GUILD, series, None, "import", f"{series} meet", date.fromisoformat(d), n)
        for i, (series, d, n) in enumerate(counts)
    ]


@pytest.mark.parametrize(
    "counts",
    [
        # The record bar itself, a bar one car below it, one far below, one tiny.
        [("Nürburgring", f"{2015 + i}-08-26", n) for i, n in enumerate([3, 40, 79, 80, 92, 91])],
        # Twelve bars in one year each: month labels on two lines.
        [("Nürburgring", f"2024-{m:02d}-01", 80 + m) for m in range(1, 13)],
        # Every bar at the record.
        [("", f"{2010 + i}-01-01", 50) for i in range(5)],
    ],
)
def test_chart_labels_never_touch_the_record_line_each_other_or_the_edge(
    counts: list[tuple[str, str, int]],
) -> None:
    entries = _entries(counts)
    record = max(e.cars for e in entries)
    chart = render_chart(entries, record, "Nürburgring 1M Club Meet")
    assert chart.record_y is not None
    for box in chart.value_boxes:
        assert not box[1] - 3 <= chart.record_y <= box[3] + 3, (box, chart.record_y)
    for i, a in enumerate(chart.text_boxes):
        assert a[0] >= 0 and a[1] >= 0 and a[2] <= chart.width and a[3] <= chart.height, a
        for b in chart.text_boxes[i + 1 :]:
            assert not _overlap(a, b), (a, b)
    assert chart.smallest_text_px >= MIN_PREVIEW_PX
    assert len(chart.png) < 300_000


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_long_series_name_keeps_the_heading_and_its_record_inside_the_chart(lang: str) -> None:
    # The club page's heading is "<series>: Autos pro Treffen · Rekord 12": a series
    # named after its place ran off the image, record and all.
    name = "Cars & Coffee Leipzig am Völkerschlachtdenkmal"
    entries = _entries([(name, "2026-05-02", 9), (name, "2027-05-02", 12)])
    title = t(lang, "web-chart-title", series=name)
    chart = render_chart(entries, 12, title, lang=lang)
    for box in chart.text_boxes:
        assert box[0] >= 0 and box[2] <= chart.width, box
    assert chart.smallest_text_px >= MIN_PREVIEW_PX


def test_the_whole_server_chart_colours_each_series_and_names_it_in_full() -> None:
    long = "Spa-Francorchamps Classic Weekend Tour"
    entries = _entries(
        [
            ("Nürburgring", "2021-08-01", 80),
            (long, "2022-05-01", 40),
            ("", "2022-09-01", 12),
            ("Nürburgring", "2023-08-01", 92),
            ("nurburgring", "2024-08-01", 90),
        ]
    )
    chart = render_chart(entries, 92, "All meets", by_series=True)
    # One colour per series, case and accents aside; the long name wrapped, not cut.
    assert chart.series == ("Nürburgring", long, "no series")
    image = Image.open(io.BytesIO(chart.png)).convert("RGB")
    bar_colours = set()
    for box in chart.value_boxes:
        # A pixel inside each bar, just under its label (above the bar or inside it).
        x = int((box[0] + box[2]) / 2)
        bar_colours.add(image.getpixel((x, int(box[3]) + 14)))
    assert len(bar_colours) == 3
    for i, a in enumerate(chart.text_boxes):
        assert a[0] >= 0 and a[2] <= chart.width and a[3] <= chart.height, a
        for b in chart.text_boxes[i + 1 :]:
            assert not _overlap(a, b), (a, b)


async def test_remove_with_an_impossible_id_is_unknown(records: RecordsService) -> None:
    with pytest.raises(NotFound):
        await records.remove_import(GUILD, 10**25)


async def test_series_names_match_regardless_of_case(records: RecordsService) -> None:
    await add(records, 80, "2023-08-26", "1M Meet 2023", series="1M Meet")
    best = await records.record(GUILD, "1m meet")
    assert best is not None
    assert best.cars == 80
    assert [e.label for e in await records.history(GUILD, "1M MEET")] == ["1M Meet 2023"]


async def test_one_series_cleaner_for_meets_imports_and_lookups(db: Database) -> None:
    # A meet's series and an imported one are the same series once cleaned, however
    # they were typed: the record a live meet is measured against is found either way.
    meets = MeetService(db, ManualClock(meetkit.NOW))
    meet = await meets.get(GUILD, await meetkit.make(meets, GUILD, series="1M\u200b  Meet "))
    assert meet.series == "1M Meet"
    records = RecordsService(db, ManualClock(NOW))
    await add(records, 80, "2023-08-26", "1M Meet 2023", series=" 1M \u2060Meet")
    assert [e.series for e in await records.history(GUILD, "1m meet\ufeff")] == ["1M Meet"]
    best = await records.record(GUILD, "\u200b1M Meet")
    assert best is not None and best.cars == 80
    assert await records.series_names(GUILD, "1M") == ["1M Meet"]


@pytest.mark.parametrize("typed", ["x" * 51, "\u200b" + "y" * 51])
async def test_a_too_long_series_says_so_the_same_everywhere(
    db: Database, records: RecordsService, typed: str
) -> None:
    expected = "`series` is 51 characters; the limit is 50"
    with pytest.raises(InvalidInput, match=expected):
        await add(records, 5, "2023-08-26", "x", series=typed)
    with pytest.raises(InvalidInput, match=expected):
        await records.history(GUILD, typed)
    with pytest.raises(InvalidInput, match=expected):
        await meetkit.make(MeetService(db, ManualClock(meetkit.NOW)), series=typed)


async def test_show_reads_only_the_newest_entries_and_counts_the_rest(
    records: RecordsService,
) -> None:
    for year in range(2001, 2011):
        await add(records, year - 2000, f"{year}-08-01", f"Meet {year}", series="1M Meet")
    await add(records, 99, "2012-08-01", "Elsewhere", series="1M Meet", guild_id=OTHER_GUILD)
    newest = await records.history(GUILD, "1m meet", last=3)
    assert [e.label for e in newest] == ["Meet 2008", "Meet 2009", "Meet 2010"]  # date order
    assert len(await records.history(GUILD, "1M Meet")) == 10
    assert await records.history_size(GUILD, "1M MEET") == 10
    assert await records.history_size(GUILD) == 10  # no series: the whole server
    await records.remove_import(GUILD, newest[0].id)
    assert await records.history_size(GUILD, "1M Meet") == 9
