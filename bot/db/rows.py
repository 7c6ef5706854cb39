"""Rows into dataclasses, and the one way a moment in time is stored.

Every service maps rows the same way: `load(SomeDataclass, row)` fills each field from
the column of the same name (or the one named by `column(...)` in the field's
metadata) and converts by the field's type: `datetime` from the stored timestamp,
`date` from `YYYY-MM-DD`, `bool` from 0/1; anything else is taken as it is.

Timestamps are stored in one format everywhere: UTC, millisecond precision, ISO-8601
with a `Z`, `YYYY-MM-DDTHH:MM:SS.mmmZ`. It is fixed-width, so text order is time
order, and it is exactly what SQLite's own `strftime('%Y-%m-%dT%H:%M:%fZ')` writes.
Services never format one themselves: they bind `datetime` values, and the backend
stores them (`to_db`); a PostgreSQL backend would bind them natively.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from bot.db.base import Row

T = TypeVar("T")
_COLUMN = "paddock.column"


def to_db(when: datetime) -> str:
    """A timestamp as stored: UTC, milliseconds (truncated), `Z`."""
    if when.tzinfo is None:
        raise ValueError(f"naive datetime {when!r}: store aware (UTC) times only")
    utc = when.astimezone(UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"


def from_db(value: str | datetime) -> datetime:
    """A stored timestamp as an aware UTC datetime."""
    if isinstance(value, datetime):  # a backend that stores real timestamps
        return value.astimezone(UTC)
    return datetime.fromisoformat(value).astimezone(UTC)


def column(name: str) -> dict[str, str]:
    """Field metadata: fill this field from the column `name`,
    e.g. `going: int = field(default=0, metadata=column("n_going"))`."""
    return {_COLUMN: name}


def _as_date(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


_CONVERT: dict[Any, Callable[[Any], Any]] = {datetime: from_db, date: _as_date, bool: bool}
_Plan = tuple[tuple[str, str, Callable[[Any], Any] | None, bool], ...]
_plans: dict[type, _Plan] = {}


def _converter(hint: Any) -> tuple[Callable[[Any], Any] | None, bool]:
    """(converter or None, whether None passes through) for a field's type."""
    args = typing.get_args(hint)
    optional = type(None) in args and (typing.get_origin(hint) in (typing.Union, types.UnionType))
    if optional:
        rest = [a for a in args if a is not type(None)]
        hint = rest[0] if len(rest) == 1 else hint
    return _CONVERT.get(hint), optional


def _plan(cls: type) -> _Plan:
    plan = _plans.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        steps = []
        for f in dataclasses.fields(cls):
            if not f.init:
                continue
            convert, optional = _converter(hints[f.name])
            steps.append((f.name, f.metadata.get(_COLUMN, f.name), convert, optional))
        plan = _plans[cls] = tuple(steps)
    return plan


def load(cls: type[T], row: Row, **given: Any) -> T:
    """The dataclass `cls` from `row`; `given` fields are taken as they are, not read."""
    values: dict[str, Any] = {}
    for name, col, convert, optional in _plan(cls):
        if name in given:
            continue
        value = row[col]
        if convert is not None and not (optional and value is None):
            value = convert(value)
        values[name] = value
    return cls(**values, **given)


def load_all(cls: type[T], rows: Iterable[Row]) -> list[T]:
    return [load(cls, row) for row in rows]


def load_one(cls: type[T], row: Row | None) -> T | None:
    return None if row is None else load(cls, row)
