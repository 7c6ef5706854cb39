"""Cleaning text members type: the one home for what counts as invisible.

Two different things hide in typed text. Some characters are never wanted: the
direction overrides that flip the rest of a line, zero-width spaces, byte-order
marks and control codes; those are removed. Others are legitimate inside text
but show nothing on their own: the emoji joiner (U+200D) that makes 👨‍🔧 one
picture, variation selectors, keycap marks, the tag characters of subdivision
flags; those are kept, but a field made only of them, of spaces, or of the
filler characters people use to fake an empty name (ㅤ U+3164, ⠀ U+2800,
ᅟ U+115F, ᅠ U+1160) is blank to the eye and refused.
"""

from __future__ import annotations

import re
import unicodedata

from bot.errors import InvalidInput

# Removed anywhere: direction controls (they reverse the rest of an embed line),
# zero-width space and word joiner, invisible maths operators, the byte-order mark,
# the Mongolian vowel separator, soft hyphen, and C0/C1 control codes except tab and
# line breaks, which the whitespace rules below handle.
UNWANTED = re.compile(
    "[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
# Letters and symbols that draw nothing, used to fake an empty name.
FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5\u034f\U0001d159")
# Categories that show nothing by themselves: format (ZWJ, tags), separators, controls,
# and marks that only decorate a neighbour (variation selectors, keycap, accents).
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})
_EDGE = "".join(sorted(FILLERS)) + " \t\n\r\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
_EDGE += "\u2007\u2008\u2009\u200a\u202f\u205f\u3000"


def strip_unwanted(text: str) -> str:
    """`text` without the characters that are never wanted; joiners and emoji kept."""
    return UNWANTED.sub("", text)


def shows_nothing(char: str) -> bool:
    return char in FILLERS or char.isspace() or unicodedata.category(char) in _INVISIBLE_CATEGORIES


def is_blank(text: str) -> bool:
    """Whether `text` would look empty: nothing in it draws a visible mark."""
    return all(shows_nothing(c) for c in text)


def one_line(text: str) -> str:
    """Unwanted characters removed, runs of whitespace made one space, fillers trimmed."""
    return " ".join(strip_unwanted(text).split()).strip(_EDGE)


def lines(text: str) -> str:
    """Like `one_line` for each line, keeping line breaks; blank lines at the ends dropped."""
    kept = [" ".join(line.split()).strip(_EDGE) for line in strip_unwanted(text).splitlines()]
    return "\n".join(kept).strip("\n")


def field(name: str, value: str, limit: int, *, required: bool, multiline: bool = False) -> str:
    """A member-typed field, cleaned, or InvalidInput naming the field and what would work."""
    cleaned = lines(value) if multiline else one_line(value)
    if is_blank(cleaned):
        if value.strip():
            # Typed, but nothing in it shows: refused even where the field is optional,
            # since the member meant something and would see it as lost.
            raise InvalidInput(key="error-text-invisible", name=name)
        if required:
            raise InvalidInput(key="error-text-empty", name=name)
        return ""
    if len(cleaned) > limit:
        raise InvalidInput(
            key="error-text-too-long", name=name, length=str(len(cleaned)), limit=str(limit)
        )
    return cleaned
