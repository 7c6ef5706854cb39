"""Settings from the environment and a `.env` file.

Every key is documented in `.env.example`. python-dotenv reads `.env`; real
environment variables win over it. Each key has a small parser that raises a
`ConfigError` naming the variable, so `python -m bot` can print one clear line
and exit 2. (pydantic-settings did this too, but cost ~10 MiB of resident
memory for five keys; see the memory numbers in bench/README.md.)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dotenv import dotenv_values

from bot.errors import ConfigError
from bot.services.zones import zone_name

TOKEN_HELP = (
    "create a bot at https://discord.com/developers/applications, copy its token "
    "from the Bot page and put DISCORD_TOKEN=... in .env (see README)"
)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class Secret:
    """A value that never shows up in a repr, a log line or a traceback."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True, slots=True)
class Settings:
    discord_token: Secret | None = None
    # A SQLite file, or a postgresql:// URL (bot/db/postgres.py).
    database: Path | str = Path("data/paddock.db")
    dev_guilds: tuple[int, ...] = field(default=())
    log_level: str = "INFO"
    timezone: str = "Europe/Berlin"
    # A folder of the club's own catalogue files, read after the bundled ones.
    catalogue_extra: Path | None = None
    # The calendar feed and club page (bot/web); no port means no web server at all.
    web_port: int | None = None
    web_host: str = "127.0.0.1"
    public_url: str | None = None
    # Sharding (docs/scaling.md): how many shards in all (None: as many as Discord
    # recommends), and which of them this process runs (None: all of them).
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None

    def calendar_base(self) -> str | None:
        """Where members reach the web server: PADDOCK_PUBLIC_URL, else the local port."""
        if self.public_url:
            return self.public_url
        if self.web_port is not None:
            return f"http://{self.web_host}:{self.web_port}"
        return None

    @property
    def log_level_number(self) -> int:
        return logging.getLevelNamesMapping()[self.log_level]

    def require_token(self) -> str:
        if self.discord_token is None:
            raise ConfigError("DISCORD_TOKEN", f"missing; {TOKEN_HELP}")
        return self.discord_token.get_secret_value()


def _token(value: Any) -> Secret | None:
    text = str(value).strip()
    return Secret(text) if text else None


def _database(value: Any) -> Path | str:
    text = str(value).strip()
    if not text:
        raise ValueError("is empty; give a file path such as data/paddock.db")
    if text.startswith(("postgresql://", "postgres://")):
        return text
    return Path(text)


def _guilds(value: Any) -> tuple[int, ...]:
    parts = [p.strip() for p in str(value).split(",") if p.strip()]
    for part in parts:
        if not (part.isascii() and part.isdigit()) or not 15 <= len(part) <= 21:
            raise ValueError(
                f"{part[:30]!r} is not a guild id; expected comma-separated numeric ids "
                "like 123456789012345678,234567890123456789"
            )
    return tuple(int(p) for p in parts)


def _level(value: Any) -> str:
    level = str(value).strip().upper()
    if level not in LOG_LEVELS:
        raise ValueError(
            f"{str(value)[:30]!r} is not a log level; use DEBUG, INFO, WARNING or ERROR"
        )
    return level


def _timezone(value: Any) -> str:
    zone = zone_name(str(value))
    if zone is None:
        raise ValueError(
            f"{str(value).strip()[:40]!r} is not a known time zone; "
            "use an IANA name like Europe/Berlin"
        )
    return zone


def _folder(value: Any) -> Path:
    # Whether it exists is the catalogue's business: a missing folder is reported
    # like a broken file, and the bot still starts with the bundled cars.
    return Path(str(value).strip()).expanduser()


def _port(value: Any) -> int:
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 65535:
        raise ValueError(f"{text[:20]!r} is not a port; give a number from 1 to 65535, e.g. 8080")
    return int(text)


def _host(value: Any) -> str:
    text = str(value).strip()
    if not text or any(c.isspace() for c in text) or "/" in text:
        raise ValueError(f"{text[:40]!r} is not an address to listen on, e.g. 127.0.0.1")
    return text


def _public_url(value: Any) -> str:
    text = str(value).strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"{text[:60]!r} is not a web address; give the address members reach Paddock's "
            "web server at, e.g. https://paddock.example.org"
        )
    return text


MAX_SHARDS = 65536


def _shards(value: Any) -> int | None:
    text = str(value).strip().lower()
    if text == "auto":
        return None
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_SHARDS:
        raise ValueError(
            f"{text[:20]!r} is not a shard count; give a number like 4, or auto for "
            "Discord's recommendation"
        )
    return int(text)


def _shard_ids(value: Any) -> tuple[int, ...]:
    ids: set[int] = set()
    for part in (p.strip() for p in str(value).split(",")):
        low, dash, high = part.partition("-")
        bounds = [low.strip(), high.strip()] if dash else [low.strip()]
        numbers = all(b.isascii() and b.isdigit() for b in bounds)
        if not numbers or int(bounds[0]) > int(bounds[-1]):
            raise ValueError(
                f"{part[:20]!r} is not a shard id or range; give ids and ranges like 0-3 or 0,2"
            )
        ids.update(range(int(bounds[0]), int(bounds[-1]) + 1))
        if len(ids) > MAX_SHARDS:
            raise ValueError("names more shards than any bot has")
    return tuple(sorted(ids))


def _check_shards(settings: Settings) -> ConfigError | None:
    """The two shard keys together: ids need a fixed count, and must be below it."""
    if settings.shard_ids is None:
        return None
    if settings.shard_count is None:
        return ConfigError(
            "PADDOCK_SHARD_IDS",
            "needs PADDOCK_SHARDS set to a number (the same in every process), not auto",
        )
    beyond = [i for i in settings.shard_ids if i >= settings.shard_count]
    if beyond:
        return ConfigError(
            "PADDOCK_SHARD_IDS",
            f"shard {beyond[0]} does not exist with PADDOCK_SHARDS={settings.shard_count}; "
            f"ids run from 0 to {settings.shard_count - 1}",
        )
    return None


# environment variable -> (Settings field, parser)
KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "DISCORD_TOKEN": ("discord_token", _token),
    "PADDOCK_DATABASE": ("database", _database),
    "PADDOCK_DEV_GUILDS": ("dev_guilds", _guilds),
    "PADDOCK_LOG_LEVEL": ("log_level", _level),
    "PADDOCK_TIMEZONE": ("timezone", _timezone),
    "PADDOCK_CATALOGUE_EXTRA": ("catalogue_extra", _folder),
    "PADDOCK_WEB_PORT": ("web_port", _port),
    "PADDOCK_WEB_HOST": ("web_host", _host),
    "PADDOCK_PUBLIC_URL": ("public_url", _public_url),
    "PADDOCK_SHARDS": ("shard_count", _shards),
    "PADDOCK_SHARD_IDS": ("shard_ids", _shard_ids),
}


def load_settings(
    *,
    _env_file: str | Path | None = ".env",
    _environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Defaults, then `.env`, then the environment, then `overrides` (by variable name).

    `.env` is looked up in the current directory. The first bad key raises a ConfigError.
    """
    settings, errors = read_settings(_env_file=_env_file, _environ=_environ, **overrides)
    if errors:
        raise errors[0]
    return settings


def read_settings(
    *,
    _env_file: str | Path | None = ".env",
    _environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> tuple[Settings, list[ConfigError]]:
    """Like load_settings, but every bad key is returned (in KEYS order) and left at its
    default, so `python -m bot check` can report them all at once."""
    unknown = set(overrides) - set(KEYS)
    if unknown:
        raise TypeError(f"unknown settings: {sorted(unknown)}")
    raw: dict[str, Any] = {}
    if _env_file is not None and Path(_env_file).is_file():
        raw.update(
            {k: v for k, v in dotenv_values(_env_file).items() if k in KEYS and v is not None}
        )
    environ = os.environ if _environ is None else _environ
    raw.update({k: v for k, v in environ.items() if k in KEYS})
    raw.update(overrides)
    values: dict[str, Any] = {}
    errors: list[ConfigError] = []
    for key, (name, parse) in KEYS.items():
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue  # `KEY=` in .env means "use the default", as in .env.example
        try:
            values[name] = parse(value)
        except ValueError as exc:
            errors.append(ConfigError(key, str(exc)))
    settings = Settings(**values)
    if (error := _check_shards(settings)) is not None:
        errors.append(error)
        settings = Settings(**{**values, "shard_ids": None})
    return settings, errors


def ensure_database_path(path: Path) -> Path:
    """Create the database folder if needed and prove we can write there."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            "PADDOCK_DATABASE", f"cannot create folder {path.parent}: {exc.strerror or exc}"
        ) from None
    if path.is_dir():
        raise ConfigError("PADDOCK_DATABASE", f"{path} is a folder; give a file path")
    target = path if path.exists() else path.parent
    if not os.access(target, os.W_OK) or not _probe_writable(path.parent):
        raise ConfigError("PADDOCK_DATABASE", f"{target} is not writable")
    return path


def _probe_writable(folder: Path) -> bool:
    # os.access lies for root and on some mounts; creating a real file does not.
    probe = folder / f".paddock-write-test-{os.getpid()}"
    try:
        probe.touch()
        probe.unlink()
    except OSError:
        return False
    return True
