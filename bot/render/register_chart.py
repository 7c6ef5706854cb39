"""The register chart: the club's cars by colour and by year, verified and not.

Drawn in the /records chart's style, with its colours, card and text sizes
(bot/render/chart.py): matplotlib's object API on the Agg canvas, safe in a worker
thread; a dark card of its own so it reads the same on Discord's dark and light
themes; text sized to stay legible in the ~400 px Discord shows.
"""

from __future__ import annotations

import io
import textwrap
from itertools import pairwise
from typing import TYPE_CHECKING

from bot.i18n import t
from bot.render.chart import (
    BACKGROUND,
    DPI,
    GRID,
    HEIGHT_IN,
    LEGEND_PT,
    MUTED,
    PALETTE,
    PANEL,
    TEXT,
    TICK_PT,
    TITLE_PT,
    VALUE_PT,
    WIDTH_IN,
    Box,
    Chart,
    visible_ticks,
    whole_number_ticks,
)
from bot.render.chart_text import drawable, use_chart_fonts
from bot.render.year_buckets import Bucket, chart_label, year_buckets
from bot.services.garage import Count, RegisterStats

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

MAX_ROWS = 8
# Year bars whose labels and values fit side by side at /records' sizes, with short
# labels ("’11", "’60s") where the full ones ("2011", "1960s") would touch.
MAX_YEARS = 7
LABEL_GAP_PX = 4  # the least room between two year labels (a space, as drawn)
BAR = PALETTE[0]  # verified: the /records bar colour
UNVERIFIED = "#3d6a85"  # the same blue, dimmed: the rest of the bar


def _top(counts: tuple[Count, ...], lang: str) -> list[Count]:
    shown = list(counts[:MAX_ROWS])
    rest = counts[MAX_ROWS:]
    if rest:
        others = t(lang, "chart-others")
        shown.append(Count(others, sum(c.cars for c in rest), sum(c.verified for c in rest)))
    return shown


def render_register_chart(stats: RegisterStats, title: str, lang: str = "en") -> Chart:
    """Two panels: colours (horizontal bars, most first) and years (bars, in order)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    use_chart_fonts()
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, facecolor=BACKGROUND)
    FigureCanvasAgg(fig)
    colour_ax, year_ax = fig.subplots(1, 2, gridspec_kw={"width_ratios": (1, 1.4)})
    bars = 0
    for ax in (colour_ax, year_ax):
        ax.set_facecolor(PANEL)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.tick_params(colors=MUTED, labelsize=TICK_PT, length=0)
        ax.set_axisbelow(True)

    colours = _top(stats.by_colour, lang)[::-1]  # most at the top
    ys = list(range(len(colours)))
    colour_ax.barh(ys, [c.verified for c in colours], color=BAR, height=0.7)
    drawn = colour_ax.barh(
        ys,
        [c.cars - c.verified for c in colours],
        left=[c.verified for c in colours],
        color=UNVERIFIED,
        height=0.7,
    )
    colour_ax.set_yticks(
        ys, [textwrap.shorten(drawable(c.label), 18, placeholder="…") for c in colours]
    )
    colour_ax.bar_label(
        drawn,
        labels=[str(c.cars) for c in colours],
        padding=4,
        fontsize=VALUE_PT,
        color=TEXT,
        fontweight="bold",
    )
    colour_ax.grid(axis="x", color=GRID, linewidth=1)
    colour_ax.set_xlim(0, max([c.cars for c in colours] + [1]) * 1.25)
    whole_number_ticks(colour_ax.xaxis)
    colour_ax.set_title(t(lang, "chart-by-colour"), color=MUTED, fontsize=TICK_PT, loc="left")
    bars += len(drawn.patches)

    # Cars without a year are told in the panel's title: a "?" bar would take the room
    # of a decade.
    buckets = year_buckets(stats.by_year, MAX_YEARS)
    years = [b for b in buckets if b.start is not None]
    no_year = sum(b.cars for b in buckets if b.start is None)
    xs = list(range(len(years)))
    year_ax.bar(xs, [c.verified for c in years], color=BAR, width=0.7)
    drawn = year_ax.bar(
        xs,
        [c.cars - c.verified for c in years],
        bottom=[c.verified for c in years],
        color=UNVERIFIED,
        width=0.7,
    )
    year_ax.set_xticks(xs, [chart_label(c, lang, short=False) for c in years])
    year_ax.bar_label(
        drawn,
        # An empty decade keeps its place on the time line, without a "0" over it.
        labels=[str(c.cars) if c.cars else "" for c in years],
        padding=4,
        fontsize=VALUE_PT,
        color=TEXT,
        fontweight="bold",
    )
    year_ax.grid(axis="y", color=GRID, linewidth=1)
    year_ax.set_ylim(0, max([c.cars for c in years] + [1]) * 1.25)
    whole_number_ticks(year_ax.yaxis)
    year_title = t(lang, "chart-by-year")
    if no_year:
        year_title += " · " + t(lang, "reg4-chart-no-year", count=no_year)
    year_ax.set_title(year_title, color=MUTED, fontsize=TICK_PT, loc="left")
    bars += len(drawn.patches)

    heading = f"{drawable(title[:50])} · {t(lang, 'att-cars', count=stats.cars)}"
    fig.suptitle(heading, color=TEXT, fontsize=TITLE_PT, x=0.02, ha="left")
    fig.legend(
        [Patch(color=BAR), Patch(color=UNVERIFIED)],
        [
            t(lang, "chart-verified", count=stats.verified),
            t(lang, "chart-not-verified", count=stats.cars - stats.verified),
        ],
        loc="lower center",
        ncol=2,
        frameon=False,
        fontsize=LEGEND_PT,
        labelcolor=TEXT,
    )
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    _fit_year_labels(fig, year_ax, years, lang)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor=BACKGROUND)
    width, height = (int(v) for v in fig.canvas.get_width_height())

    def flipped(bb: Bbox) -> Box:
        return (float(bb.x0), height - float(bb.y1), float(bb.x1), height - float(bb.y0))

    # The year labels as drawn, so tests can check that none runs into the next.
    years_shown = [t for t in year_ax.get_xticklabels() if t.get_text() and t.get_visible()]
    return Chart(
        buffer.getvalue(),
        bars,
        width,
        height,
        text_boxes=tuple(flipped(t.get_window_extent(renderer)) for t in years_shown),
        count_ticks=(visible_ticks(colour_ax.xaxis), visible_ticks(year_ax.yaxis)),
    )


def _fit_year_labels(fig: Figure, ax: Axes, years: list[Bucket], lang: str) -> None:
    """Full year labels where they fit, else short ones ("’60s"), else every other short
    one: labels that run together ("60er70er80er" on a panel narrowed by long colour
    names) read as nothing. Measured as drawn, in whatever language and font."""
    xs = list(range(len(years)))
    for short in (False, True):
        ax.set_xticks(xs, [chart_label(b, lang, short=short) for b in years])
        fig.canvas.draw()
        if not _touching(ax, fig.canvas.get_renderer()):  # type: ignore[attr-defined]
            return
    for i, label in enumerate(ax.get_xticklabels()):
        label.set_visible(i % 2 == 0)


def _touching(ax: Axes, renderer: RendererBase) -> bool:
    labels = [label for label in ax.get_xticklabels() if label.get_text()]
    boxes = [label.get_window_extent(renderer) for label in labels]
    return any(a.x1 + LABEL_GAP_PX > b.x0 for a, b in pairwise(boxes))
