"""Member text on a chart: drawn in fonts that have its characters, the rest left out.

Labels come from members (colours, series, club names) and can hold anything: emoji,
CJK, mathematical letters. matplotlib draws a character missing from every font as an
empty box and warns about it. So the charts draw with DejaVu Sans (matplotlib's own)
followed by every fallback font this machine has (matplotlib ships STIX; a server with
Noto CJK or Symbola installed gets those scripts drawn too), and a character none of
those fonts has is left out of the label, which keeps what can be read of it.

Imports matplotlib only when first used, like the charts themselves.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

PRIMARY = "DejaVu Sans"
# Tried after DejaVu Sans, in this order, where installed. Colour emoji fonts (bitmap
# glyphs) are left out: matplotlib's FreeType path cannot draw them. "Last Resort" is
# left out too: it "has" every character, as a box naming its Unicode block.
FALLBACKS = (
    "STIXGeneral",
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK KR",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "Noto Sans Symbols",
    "Noto Sans Symbols 2",
    "Noto Emoji",
    "Symbola",
)
UNREADABLE = "?"  # a label none of whose characters can be drawn
_SPACES = re.compile(r"\s+")
_INVISIBLE = ("Cc", "Cf", "Cs", "Co", "Cn")


@cache
def font_families() -> tuple[str, ...]:
    """DejaVu Sans, then each fallback font that is installed, in FALLBACKS' order."""
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return (PRIMARY, *(name for name in FALLBACKS if name in installed))


@cache
def _drawable_codepoints() -> frozenset[int]:
    """Every character some font of font_families() has, at the weight labels use."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    found: set[int] = set()
    for family in font_families():
        props = font_manager.FontProperties(family=family)
        try:
            path = font_manager.findfont(props, fallback_to_default=False)
        except ValueError:  # listed in fontManager but not loadable: skip it
            continue
        found.update(FT2Font(path).get_charmap())
    return frozenset(found)


def use_chart_fonts() -> None:
    """Draw every chart text with font_families(), falling back glyph by glyph.

    Set process-wide rather than per text: tick labels are re-created while a figure is
    laid out and would lose a per-text family. It is always the same value, so charts
    drawn at once in worker threads can't see each other's setting."""
    import matplotlib

    families = list(font_families())
    if matplotlib.rcParams["font.family"] != families:
        matplotlib.rcParams["font.family"] = families


def drawable(text: str) -> str:
    """`text` as a chart can draw it: spaces folded, characters no chart font has and
    invisible ones left out, `$` kept literal (matplotlib reads $...$ as maths); "?"
    when nothing readable is left."""
    have = _drawable_codepoints()
    # Controls and format characters (bidi overrides, zero-width joiners) go too: on a
    # label they would only reorder or glue what is left.
    kept = "".join(
        ch
        for ch in _SPACES.sub(" ", text)
        if ord(ch) in have and unicodedata.category(ch) not in _INVISIBLE
    )
    kept = _SPACES.sub(" ", kept).strip()
    if not any(ch.isalnum() or unicodedata.category(ch)[0] in "PS" for ch in kept):
        kept = UNREADABLE
    return kept.replace("$", r"\$")
