"""Domain errors whose message is fit to show a member as-is.

Messages are plain text: no markdown, mentions or `<t:…>` timestamps. An error
that render shows richer (a meet's start in the member's own time zone) carries
its data as attributes, and bot/render/errors.py words it.

Services raise these; the cogs' shared error handler turns them into a short
ephemeral reply. Anything else is treated as a bug and gets an error id.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from bot.i18n import t
from bot.i18n.formats import Day, in_words


class PaddockError(Exception):
    """Base class: `message` is written for a member to read.

    New errors name a catalogue message instead of English text:
    `Conflict(key="error-counter-stopped")` or `InvalidInput(key="error-year-range",
    first=1886, last=2027)`. `message` is then the English wording (logs, the CLI), and
    bot/render/errors.py words it in the member's language from `key` and `fields`.
    """

    def __init__(
        self, message: str = "", /, *, key: str | None = None, **fields: str | int | Day
    ) -> None:
        if key is not None and not message:
            message = t("en", key, **in_words("en", fields))
        super().__init__(message)
        self.message = message
        self.key = key
        self.fields = fields


class InvalidInput(PaddockError):
    """The member typed something we cannot use; the message says what would work."""


class ChooseOne(InvalidInput):
    """Typed text that names no single thing: several fit, or none does. `options` are
    what the member could pick instead, closest first; render lists them, escaped, in the
    member's language. `key` words it with `text`, `options` and `count`."""

    def __init__(self, key: str, text: str, options: Sequence[str], **fields: str) -> None:
        super().__init__(
            key=key, text=text, options=", ".join(options), count=len(options), **fields
        )
        self.text = text
        self.options = tuple(options)


class NotFound(PaddockError):
    """The thing asked for does not exist in this server."""


class Forbidden(PaddockError):
    """The member may not do this."""


class Conflict(PaddockError):
    """The request clashes with the current state (closed RSVPs, stopped counter, ...)."""


class RsvpClosed(Conflict):
    """A meet no longer takes answers: it was cancelled, or it has started."""

    def __init__(
        self,
        title: str,
        starts_at: datetime,
        *,
        cancelled: bool,
        deadline: datetime | None = None,
    ) -> None:
        if cancelled:
            message = f"{title} is cancelled, so RSVPs are closed."
        elif deadline is not None:
            message = (
                f"RSVPs for {title} closed at the deadline "
                f"({deadline.astimezone(UTC):%Y-%m-%d %H:%M} UTC). Ask an organiser to "
                "change your answer."
            )
        else:
            message = (
                f"RSVPs for {title} closed when it started "
                f"({starts_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC)."
            )
        super().__init__(message)
        self.title = title
        self.starts_at = starts_at
        self.cancelled = cancelled
        self.deadline = deadline


class NeedsAnswer(Conflict):
    """A car was given for a meet the member hasn't answered: a car never answers."""

    def __init__(self, meet_id: int, title: str) -> None:
        super().__init__(key="error-meets-needs-answer", title=title)
        self.meet_id = meet_id
        self.title = title


class ConfigError(Exception):
    """A setting is missing or invalid; `key` names it. Exits the process with code 2."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


class DatabaseFileError(Exception):
    """The database file exists but is not a usable SQLite database."""
