"""Small SQL helpers every service needs the same way."""

from __future__ import annotations

import unicodedata


def contains(query: str) -> str:
    """A LIKE pattern matching `query` anywhere, its own % and _ taken literally.
    Use it with `LIKE ? ESCAPE '\\'`. SQLite's LIKE ignores ASCII case; on PostgreSQL the
    same statements would say ILIKE."""
    escaped = query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fold(text: str) -> str:
    """The key text is matched by when case and accents don't count: "Nürburgring",
    "NURBURGRING" and "nurburgring" all give "nurburgring". Stored next to the text it
    keys (an index can serve an equality on it, which no collation on the text can do
    for accents) and registered as the SQL function `paddock_fold` for migrations."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
