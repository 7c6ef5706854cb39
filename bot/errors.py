"""Domain errors whose message is fit to show a member as-is.

Services raise these; the cogs' shared error handler turns them into a short
ephemeral reply. Anything else is treated as a bug and gets an error id.
"""


class PaddockError(Exception):
    """Base class: `message` is written for a member to read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(PaddockError):
    """The member typed something we cannot use; the message says what would work."""


class NotFound(PaddockError):
    """The thing asked for does not exist in this server."""


class Forbidden(PaddockError):
    """The member may not do this."""


class Conflict(PaddockError):
    """The request clashes with the current state (closed RSVPs, stopped counter, ...)."""


class ConfigError(Exception):
    """A setting is missing or invalid; `key` names it. Exits the process with code 2."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


class DatabaseFileError(Exception):
    """The database file exists but is not a usable SQLite database."""
