"""Settings from the environment and a `.env` file.

Every key is documented in `.env.example`. Validation errors are turned into a
`ConfigError` that names the environment variable, so `python -m bot` can print
one clear line and exit 2.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.errors import ConfigError

TOKEN_HELP = (
    "create a bot at https://discord.com/developers/applications, copy its token "
    "from the Bot page and put DISCORD_TOKEN=... in .env (see README)"
)

_ENV_NAMES = {
    "discord_token": "DISCORD_TOKEN",
    "database": "PADDOCK_DATABASE",
    "dev_guilds": "PADDOCK_DEV_GUILDS",
    "log_level": "PADDOCK_LOG_LEVEL",
    "timezone": "PADDOCK_TIMEZONE",
}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    discord_token: SecretStr | None = Field(default=None, alias="DISCORD_TOKEN")
    database: Path = Field(default=Path("data/paddock.db"), alias="PADDOCK_DATABASE")
    dev_guilds: Annotated[list[int], NoDecode] = Field(
        default_factory=list, alias="PADDOCK_DEV_GUILDS"
    )
    log_level: str = Field(default="INFO", alias="PADDOCK_LOG_LEVEL")
    timezone: str = Field(default="Europe/Berlin", alias="PADDOCK_TIMEZONE")

    @field_validator("discord_token", mode="before")
    @classmethod
    def _blank_token_is_missing(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("dev_guilds", mode="before")
    @classmethod
    def _parse_guilds(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, int):
            return [value]
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            for part in parts:
                if not (part.isascii() and part.isdigit()) or not 15 <= len(part) <= 21:
                    raise ValueError(
                        f"{part!r} is not a guild id; expected comma-separated numeric ids "
                        "like 123456789012345678,234567890123456789"
                    )
            return [int(p) for p in parts]
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _check_level(cls, value: Any) -> Any:
        level = str(value).strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(f"{value!r} is not a log level; use DEBUG, INFO, WARNING or ERROR")
        return level

    @field_validator("timezone", mode="before")
    @classmethod
    def _check_timezone(cls, value: Any) -> Any:
        name = str(value).strip()
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{name!r} is not a known time zone; use an IANA name like Europe/Berlin"
            ) from None
        return name

    @property
    def log_level_number(self) -> int:
        return logging.getLevelNamesMapping()[self.log_level]

    def require_token(self) -> str:
        if self.discord_token is None:
            raise ConfigError("DISCORD_TOKEN", f"missing; {TOKEN_HELP}")
        return self.discord_token.get_secret_value()


def load_settings(**overrides: Any) -> Settings:
    """Read settings, turning validation errors into a ConfigError naming the key."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "settings"
        key = _ENV_NAMES.get(field, field)
        message = first["msg"].removeprefix("Value error, ")
        raise ConfigError(key, message) from None


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
