"""The attendance history chart: a bar per meet and a dashed line at the record.

Discord shows an embed's image at about 400 px wide, so the PNG is drawn at
1000 × 560 and every text is sized to stay legible at 40 %: nothing smaller than
10 px on screen. It carries its own dark card, so it reads the same on Discord's
dark and light themes. Meet names are not on the axis (they would have to be cut);
the embed lists them, the axis shows when each meet was, and with the whole server
each series gets its own colour and a legend entry, wrapped, never cut.

Uses matplotlib's object API with the Agg canvas (no pyplot global state), so
it is safe to run in a worker thread via asyncio.to_thread.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.i18n import t
from bot.i18n.formats import month_abbreviation, number
from bot.render.chart_text import drawable, use_chart_fonts
from bot.services.attendance.records import HistoryEntry, series_key

if TYPE_CHECKING:
    from matplotlib.axis import Axis
    from matplotlib.backend_bases import RendererBase
    from matplotlib.text import Text

WIDTH_IN, HEIGHT_IN, DPI = 10.0, 5.6, 100
MAX_BARS = 12
PREVIEW_WIDTH = 400  # px: how wide Discord shows an embed image
MIN_PREVIEW_PX = 10  # the smallest text, in screen pixels at preview size

BACKGROUND = "#1e1f22"
PANEL = "#2b2d31"
TEXT = "#f2f3f5"
MUTED = "#b5bac1"
GRID = "#4e5058"
RECORD_LINE = "#f0e442"
# Okabe-Ito colours that keep their contrast on the dark card (blue dropped).
PALETTE = ("#56b4e9", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#f0e442", "#ffffff")

TITLE_PT, TICK_PT, VALUE_PT, LEGEND_PT = 22, 18, 18, 18
GAP_PX = 6  # closest a value label may come to the record line


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PNG pixels, y down


@dataclass(frozen=True, slots=True)
class Chart:
    png: bytes
    bars: int
    width: int
    height: int
    # Where things landed, so tests can check that nothing collides or is cut.
    value_boxes: tuple[Box, ...] = ()
    text_boxes: tuple[Box, ...] = ()  # every text: titles, ticks, values, legend
    record_y: float | None = None
    series: tuple[str, ...] = field(default=())
    smallest_text_px: float = 0.0
    count_ticks: tuple[tuple[float, ...], ...] = ()  # each car-counting axis's ticks
    texts: tuple[str, ...] = ()  # every visible text, as drawn


def grouped_ticks(axis: Axis, lang: str) -> None:
    """Counts on the axis written as everywhere else the language writes them:
    '1,200' / '1.200', never the bare '1200' beside a heading that says '1,234'."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _pos: number(lang, value)))


def whole_number_ticks(axis: Axis) -> None:
    """Ticks only at whole numbers: cars come one at a time, so a club with one car
    of a kind reads 0 and 1, never 0.2, 0.4 … 1.0. As many ticks as the axis has room
    for at its font size, in steps of 1, 2 or 5 (as matplotlib's default locator), not
    a fixed ten that crowd a short axis into '0 5 10152025…'."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10], integer=True))


def visible_ticks(axis: Axis) -> tuple[float, ...]:
    """The tick values `axis` draws, within its limits."""
    low, high = sorted(axis.get_view_interval())
    return tuple(float(v) for v in axis.get_majorticklocs() if low <= v <= high)


def _when_labels(shown: Sequence[HistoryEntry], lang: str) -> list[str]:
    """The year alone when each meet has its own; else month over year (narrow enough
    for twelve bars at a legible size)."""
    years = [e.held_on.year for e in shown]
    if len(set(years)) == len(years):
        return [str(y) for y in years]
    return [f"{month_abbreviation(lang, e.held_on)}\n{e.held_on.year}" for e in shown]


def _wrap(name: str, width: int = 30) -> str:
    text = drawable(name)
    return "\n".join(textwrap.wrap(text, width)) or text


def _fit_heading(heading: Text, name: str, tail: str, right: float, renderer: RendererBase) -> None:
    """Keep the heading inside the image: a smaller size first (down to the ticks'), then
    the series name shortened with an ellipsis, the record ("· record 92") always kept."""
    size = TITLE_PT
    while heading.get_window_extent(renderer).x1 > right and size > TICK_PT:
        size -= 1
        heading.set_fontsize(size)
    cut = len(name)
    while heading.get_window_extent(renderer).x1 > right and cut > 1:
        cut -= 1
        heading.set_text(name[:cut].rstrip() + "…" + tail)


def render_chart(
    entries: Sequence[HistoryEntry],
    record: int | None,
    title: str,
    *,
    by_series: bool = False,
    lang: str = "en",
) -> Chart:
    """A PNG of the last MAX_BARS meets; the record as a dashed line, the meet that holds
    it outlined and starred. `by_series` colours each series (the whole server's view)."""
    # Imported here, not at the top: matplotlib costs ~30 MiB and 0.3 s of start-up,
    # for a chart only /records show draws.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox

    use_chart_fonts()
    shown = list(entries)[-MAX_BARS:]
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, facecolor=BACKGROUND)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_subplot(facecolor=PANEL)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(colors=MUTED, labelsize=TICK_PT, length=0)
    ax.grid(axis="y", color=GRID, linewidth=1)
    ax.set_axisbelow(True)

    # One colour per series as the records match them: case and accents aside.
    names: dict[str, str] = {}
    for e in shown:
        names.setdefault(series_key(e.series), e.series or t(lang, "chart-no-series"))
    series_names = list(names.values())
    colour_of = {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(names)}
    xs = list(range(len(shown)))
    counts = [e.cars for e in shown]
    holder = -1
    if record is not None:
        # The first meet that reached the record set it.
        holder = next((i for i, c in enumerate(counts) if c == record), -1)
    colours = [colour_of[series_key(e.series)] if by_series else PALETTE[0] for e in shown]
    bars = ax.bar(xs, counts, color=colours, width=0.7)
    if holder >= 0:
        bars.patches[holder].set_edgecolor(RECORD_LINE)
        bars.patches[holder].set_linewidth(3)

    top = max([*counts, record or 0, 1])
    ax.set_ylim(0, top * 1.18)
    whole_number_ticks(ax.yaxis)
    grouped_ticks(ax.yaxis, lang)
    ax.set_xlim(-0.6, max(len(shown), 1) - 0.4)
    ax.set_xticks(xs, _when_labels(shown, lang))
    name = drawable(title[:60])
    tail = ""
    if record is not None:
        tail = " · " + t(lang, "chart-record", cars=record)
        ax.axhline(record, color=RECORD_LINE, linestyle=(0, (6, 4)), linewidth=2.5, zorder=3)
    heading = ax.set_title(name + tail, color=TEXT, fontsize=TITLE_PT, loc="left", pad=14)
    ax.set_ylabel(t(lang, "chart-cars"), color=MUTED, fontsize=TICK_PT)
    bottom = 0.0
    if by_series and series_names:
        handles = [Patch(color=colour) for colour in colour_of.values()]
        legend = fig.legend(
            handles,
            [_wrap(s) for s in series_names],
            loc="lower center",
            ncol=min(len(series_names), 2),
            frameon=False,
            fontsize=LEGEND_PT,
            labelcolor=TEXT,
        )
        # The plot starts above the legend, whatever its wrapped entries need.
        legend_box = legend.get_window_extent(canvas.get_renderer())
        bottom = (legend_box.y1 + 8) / fig.bbox.height
    fig.tight_layout(rect=(0, bottom, 1, 1))
    _fit_heading(heading, name, tail, fig.bbox.width - GAP_PX, canvas.get_renderer())

    # Value labels: above each bar, unless that would touch the record line; then just
    # inside the bar's top, where the line can't be (the line is at or above every bar).
    renderer = canvas.get_renderer()
    height_px = fig.bbox.height
    record_px = None
    if record is not None:
        record_px = ax.transData.transform((0, record))[1]
    values = []
    for i, (bar, count) in enumerate(zip(bars.patches, counts, strict=True)):
        shown_count = number(lang, count)
        text = f"★ {shown_count}" if i == holder else shown_count
        x = bar.get_x() + bar.get_width() / 2
        label = ax.annotate(
            text,
            (x, count),
            xytext=(0, 5),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=VALUE_PT,
            fontweight="bold",
            color=TEXT,
            zorder=4,
        )
        box = label.get_window_extent(renderer)
        bar_top = ax.transData.transform((0, count))[1]
        bar_bottom = ax.transData.transform((0, 0))[1]
        touches = record_px is not None and box.y0 - GAP_PX <= record_px <= box.y1 + GAP_PX
        fits_inside = bar_top - bar_bottom >= box.height + 2 * GAP_PX + 3
        if touches and fits_inside:
            label.set_position((0, -6))
            label.set_verticalalignment("top")
            label.set_color("#111214")
        values.append(label)

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor=BACKGROUND)
    width, height = (int(v) for v in fig.canvas.get_width_height())

    def flipped(bb: Bbox) -> Box:
        return (float(bb.x0), height_px - float(bb.y1), float(bb.x1), height_px - float(bb.y0))

    texts = list(fig.findobj(match=Text))
    drawn = [t for t in texts if t.get_text() and t.get_visible()]
    text_boxes = tuple(flipped(t.get_window_extent(renderer)) for t in drawn)
    sizes = [float(t.get_fontsize()) for t in texts if t.get_text()]
    smallest = min(sizes, default=TICK_PT) * DPI / 72 * PREVIEW_WIDTH / width
    return Chart(
        png=buffer.getvalue(),
        bars=len(bars.patches),
        width=width,
        height=height,
        value_boxes=tuple(flipped(v.get_window_extent(renderer)) for v in values),
        text_boxes=text_boxes,
        record_y=None if record_px is None else height_px - record_px,
        series=tuple(series_names),
        smallest_text_px=smallest,
        count_ticks=(visible_ticks(ax.yaxis),),
        texts=tuple(t.get_text() for t in drawn),
    )
