"""Request-body validation against Discord's official OpenAPI description.

The schemas are vendored in ``spec/discord-api-requests.schema.json`` (converted from the npm
package ``discord-api-spec``; see ``spec/README.md``). They are loaded and relaxed once per
process, checked against the Draft 2020-12 meta-schema once (every route's schema in one
pass: each route's own check re-checked all the shared ``$defs``, ~1.5 s apiece), and each
route's validator is compiled once and cached. A body once found valid is not validated
again: the bot sends the same command tree at every start (~0.5 s to validate) and many
identical edits, and the answer for the same route and JSON is the same.

Relaxations (where the spec is stricter than the real API, and discord.py relies on it):

* ``SnowflakeType`` is a decimal string in the spec; the API also takes a non-negative JSON
  integer, and discord.py sends integers (e.g. ``attachments[].id`` in ``payload_json``).
* ``date-time`` strings: the spec's pattern only allows a ``Z`` suffix; the API takes any
  ISO-8601 offset, and discord.py sends ``+00:00`` (``datetime.isoformat()``). The pattern is
  dropped and ``format: date-time`` is checked with :func:`datetime.fromisoformat` instead.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

SCHEMA_PATH = Path(__file__).parent / "spec" / "discord-api-requests.schema.json"

#: Discord's "Invalid Form Body" error code.
INVALID_FORM_BODY = 50035

_MAX_MESSAGE = 300


@dataclass
class InvalidRequest:
    """A request whose JSON body (or multipart ``payload_json``) the spec rejects."""

    method: str
    path: str
    route: str  # the spec's "METHOD /path/{param}" key
    location: str  # dotted path inside the body, e.g. "embeds.0.title" ("" for the root)
    message: str
    body: Any


_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("date-time", raises=ValueError)
def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if "T" not in value and " " not in value:
        raise ValueError("not a date-time (no time part)")
    datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return True


def _relax(node: Any) -> Any:
    """Apply the documented relaxations in place (see module docstring)."""
    if isinstance(node, list):
        for item in node:
            _relax(item)
    elif isinstance(node, dict):
        if node.get("format") == "date-time":
            node.pop("pattern", None)
        for value in node.values():
            _relax(value)
    return node


@cache
def _document() -> dict[str, Any]:
    doc = _relax(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    defs = doc["$defs"]
    snowflake = defs["SnowflakeType"]
    defs["SnowflakeType"] = {"anyOf": [snowflake, {"type": "integer", "minimum": 0}]}
    return doc


@cache
def _route_table() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    table = []
    for key in _document()["routes"]:
        method, path = key.split(" ", 1)
        rx = re.compile("^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(path)) + "$")
        table.append((method, rx, key))
    return tuple(table)


@cache
def _checked_document() -> dict[str, Any]:
    """The document, once its every route schema and definition passed the meta-schema."""
    doc = _document()
    routes = {f"route {key}": schema for key, schema in doc["routes"].items()}
    # Under $defs each one is checked as a schema in its own right, as at a root.
    Draft202012Validator.check_schema({"$defs": {**doc["$defs"], **routes}})
    return doc


@cache
def _validator(route: str) -> Draft202012Validator:
    doc = _checked_document()
    schema = {"$defs": doc["$defs"], **copy.deepcopy(doc["routes"][route])}
    return Draft202012Validator(schema, format_checker=_FORMATS)


# (route, the body as canonical JSON) of bodies found valid; bounded, in case a long run
# sends many distinct ones.
_valid: set[tuple[str, str]] = set()
_VALID_KEPT = 20_000


def _canonical(body: Any) -> str | None:
    try:
        return json.dumps(body, sort_keys=True, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):  # not plain JSON: validate it every time
        return None


def spec_route(method: str, path: str) -> str | None:
    """The spec route key for a request path without the ``/api/v10`` prefix, or None."""
    for m, rx, key in _route_table():
        if m == method and rx.match(path):
            return key
    return None


def _depth(error: ValidationError) -> tuple[bool, int]:
    # a wrong JSON type is the weakest hint; otherwise the deepest error is the most specific
    return (error.validator != "type", len(error.absolute_path))


def _implausible(error: ValidationError) -> bool:
    """True if this error shows its anyOf branch was never meant for the instance: the
    instance has another JSON type, is not allowed at all (``not: {}``, the converted
    ``z.undefined()``), or has another value of the ``type`` discriminator."""
    path = list(error.relative_path)
    return (error.validator in ("type", "not") and not path) or (
        error.validator in ("const", "enum") and path == ["type"]
    )


def _size(error: ValidationError) -> int:
    return 1 + sum(_size(sub) for sub in error.context)


def _explain(error: ValidationError) -> ValidationError:
    """Descend anyOf/oneOf errors into the branch the instance was most likely meant for:
    skip branches of another JSON type or ``type`` discriminator, then take the one with the
    fewest errors (jsonschema's best_match gives up when branches tie)."""
    while error.validator in ("anyOf", "oneOf") and error.context:
        branches: dict[Any, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        plausible = [subs for subs in branches.values() if not any(_implausible(x) for x in subs)]
        if not plausible:
            break
        chosen = min(plausible, key=lambda subs: sum(_size(x) for x in subs))
        error = max(chosen, key=_depth)
    return error


def _location(error: ValidationError) -> str:
    return ".".join(str(p) for p in error.absolute_path)


def _message(error: ValidationError) -> str:
    """The error's message, with a long offending value summarised (e.g. a 5000-char content)."""
    text = error.message
    shown = repr(error.instance)
    if len(shown) > 80 and shown in text:
        kind = type(error.instance).__name__
        size = f" of length {len(error.instance)}" if hasattr(error.instance, "__len__") else ""
        text = text.replace(shown, f"<{kind}{size}: {shown[:40]}...>")
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3] + "..."


def validate_body(method: str, path: str, body: Any) -> InvalidRequest | None:
    """Check ``body`` (already JSON-decoded) against the spec for ``method path``.

    Returns None when the route is not covered or the body is valid.
    """
    route = spec_route(method, path)
    if route is None:
        return None
    if isinstance(body, str | bytes):
        return InvalidRequest(method, path, route, "", "body is not valid JSON", body)
    canonical = _canonical(body)
    if canonical is not None and (route, canonical) in _valid:
        return None
    validator = _validator(route)
    if validator.is_valid(body):
        if canonical is not None:
            if len(_valid) >= _VALID_KEPT:
                _valid.clear()
            _valid.add((route, canonical))
        return None
    error = max((_explain(e) for e in validator.iter_errors(body)), key=_depth)
    return InvalidRequest(method, path, route, _location(error), _message(error), body)


def error_payload(invalid: InvalidRequest) -> dict[str, Any]:
    """A Discord-shaped 50035 body: ``message`` plus a nested ``errors`` tree for discord.py."""
    where = invalid.location or "_root"
    leaf: dict[str, Any] = {
        "_errors": [{"code": "SPEC_VALIDATION_FAILED", "message": invalid.message}]
    }
    tree: dict[str, Any] = leaf
    for part in reversed(invalid.location.split(".") if invalid.location else []):
        tree = {part: tree}
    return {
        "message": f"Invalid Form Body ({where}: {invalid.message})",
        "code": INVALID_FORM_BODY,
        "errors": tree,
    }
