"""The attendance history chart: a bar per meet and a line at the record.

Uses matplotlib's object API with the Agg canvas (no pyplot global state), so
it is safe to run in a worker thread via asyncio.to_thread.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from bot.services.attendance.records import HistoryEntry

WIDTH_IN, HEIGHT_IN, DPI = 8.0, 4.0, 100
MAX_BARS = 30
LABEL_CHARS = 18


@dataclass(frozen=True, slots=True)
class Chart:
    png: bytes
    bars: int
    width: int
    height: int


def _safe(text: str) -> str:
    # matplotlib reads $...$ as maths; a label like "$5 entry" must stay text.
    return text.replace("$", r"\$")


def _short(entry: HistoryEntry) -> str:
    label = entry.label if len(entry.label) <= LABEL_CHARS else entry.label[: LABEL_CHARS - 1] + "…"
    return f"{_safe(label)}\n{entry.held_on.isoformat()}"


def render_chart(entries: Sequence[HistoryEntry], record: int | None, title: str) -> Chart:
    """A PNG of the last MAX_BARS meets; the record bar(s) are highlighted."""
    # Imported here, not at the top: matplotlib costs ~30 MiB and 0.3 s of start-up,
    # for a chart only /records show draws.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    shown = list(entries)[-MAX_BARS:]
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    xs = list(range(len(shown)))
    counts = [e.cars for e in shown]
    colours = ["#d4a017" if record is not None and c >= record else "#1f6f8b" for c in counts]
    bars = ax.bar(xs, counts, color=colours)
    ax.bar_label(bars, padding=2, fontsize=8)
    if record is not None:
        ax.axhline(record, color="#c0392b", linestyle="--", linewidth=1.5, label=f"Record {record}")
        ax.legend(loc="upper left", fontsize=8)
    ax.set_xticks(xs, [_short(e) for e in shown], rotation=45, ha="right", fontsize=7)
    ax.set_ylabel("Cars")
    ax.set_title(_safe(title[:80]))
    top = max([*counts, record or 0, 1])
    ax.set_ylim(0, top * 1.15)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    width, height = (int(v) for v in fig.canvas.get_width_height())
    return Chart(buffer.getvalue(), len(bars.patches), width, height)
