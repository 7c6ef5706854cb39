"""Where in a catalogue file an entry or a field is, for error messages.

tomllib gives values, not positions, so this reads the text itself: the n-th
`[[car]]` header starts entry n, `[car.power]` opens a nested table, and
`[[car.colours]]` repeats. Good enough to point a club member at a line; when a
field is missing, the entry's own header line is the answer.
"""

from __future__ import annotations

import re

_CAR = re.compile(r"^\s*\[\[\s*car\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*car\s*\.\s*([A-Za-z0-9_]+)\s*\]")
_ARRAY = re.compile(r"^\s*\[\[\s*car\s*\.\s*([A-Za-z0-9_]+)\s*\]\]")
_INDEX = re.compile(r"\[\d+\]")
_AT_LINE = re.compile(r"at line (\d+)")


def _key(line: str, key: str) -> bool:
    return re.match(rf"\s*{re.escape(key)}\s*=", line) is not None


class Lines:
    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._cars = [i for i, line in enumerate(self._lines) if _CAR.match(line)]

    def car(self, index: int) -> int | None:
        """1-based line of the index-th [[car]] header."""
        return self._cars[index] + 1 if 0 <= index < len(self._cars) else None

    def field(self, index: int, field: str | None) -> int | None:
        """1-based line of `field` ('power.value', 'aliases[2]', 'colours[1].name') in entry index."""
        if not 0 <= index < len(self._cars):
            return None
        start = self._cars[index]
        end = self._cars[index + 1] if index + 1 < len(self._cars) else len(self._lines)
        header = start + 1
        if not field:
            return header
        parts = field.split(".")
        head = parts[0]
        number = re.search(r"\[(\d+)\]", head)
        name = _INDEX.sub("", head)
        if len(parts) == 1:
            # A plain key lives before the first nested table of the entry.
            for i in range(start + 1, end):
                line = self._lines[i]
                if _TABLE.match(line) or _ARRAY.match(line):
                    break
                if _key(line, name):
                    return i + 1
            return header
        rest = _INDEX.sub("", parts[1])
        seen = -1
        wanted = int(number.group(1)) if number else 0
        for i in range(start + 1, end):
            line = self._lines[i]
            table = _TABLE.match(line)
            array = _ARRAY.match(line)
            if (table and table.group(1) == name) or (array and array.group(1) == name):
                seen += 1
                if seen != wanted:
                    continue
                for j in range(i + 1, end):
                    inner = self._lines[j]
                    if _TABLE.match(inner) or _ARRAY.match(inner) or _CAR.match(inner):
                        break
                    if _key(inner, rest):
                        return j + 1
                return i + 1
            if _key(line, name) and not (_TABLE.match(line) or _ARRAY.match(line)):
                return i + 1  # an inline table: power = { value = 1, ... }
        return header

    def top_level(self, key: str) -> int | None:
        """Line of a key outside any [[car]] (a stray top-level key or table)."""
        for i, line in enumerate(self._lines):
            if _key(line, key) or re.match(rf"\s*\[+\s*{re.escape(key)}\s*\]", line):
                return i + 1
        return None


def parse_error_line(message: str) -> int | None:
    """tomllib says '... (at line 5, column 1)'."""
    found = _AT_LINE.search(message)
    return int(found.group(1)) if found else None
