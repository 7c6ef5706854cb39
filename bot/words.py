"""English for the command line (`python -m bot ...`): operators read it, members never do,
so it is not in the message catalogues."""

from __future__ import annotations


def counted(count: int, one: str, other: str | None = None) -> str:
    """'1 row', '2 rows', '0 rows'; `other` where the plural is not `one` + 's'."""
    return f"{count} {one if count == 1 else (other or one + 's')}"
