"""Small SQL helpers every service needs the same way."""

from __future__ import annotations


def contains(query: str) -> str:
    """A LIKE pattern matching `query` anywhere, its own % and _ taken literally.
    Use it with `LIKE ? ESCAPE '\\'`. SQLite's LIKE ignores ASCII case; on PostgreSQL the
    same statements would say ILIKE."""
    escaped = query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
