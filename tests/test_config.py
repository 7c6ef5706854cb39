"""Settings: where values come from, and what a bad one says."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.errors import ConfigError


def test_defaults_without_any_source(tmp_path: Path) -> None:
    settings = load_settings(_env_file=tmp_path / "missing.env", _environ={})
    assert settings == Settings()
    assert settings.database == Path("data/paddock.db")
    assert settings.timezone == "Europe/Berlin"
    assert settings.dev_guilds == ()
    assert settings.catalogue_extra is None


def test_club_catalogue_folder_is_read_from_the_environment(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("PADDOCK_CATALOGUE_EXTRA=\n")
    assert load_settings(_env_file=env_file, _environ={}).catalogue_extra is None
    settings = load_settings(
        _env_file=env_file, _environ={"PADDOCK_CATALOGUE_EXTRA": " club-cars "}
    )
    assert settings.catalogue_extra == Path("club-cars")


def test_environment_wins_over_dotenv_and_overrides_win_over_both(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "DISCORD_TOKEN=from-file\nPADDOCK_TIMEZONE=Asia/Tokyo\nPADDOCK_LOG_LEVEL=debug\n"
        "UNRELATED=ignored\n"
    )
    settings = load_settings(
        _env_file=env_file,
        _environ={"PADDOCK_TIMEZONE": "America/New_York", "HOME": "/root"},
        PADDOCK_LOG_LEVEL="warning",
    )
    assert settings.require_token() == "from-file"
    assert settings.timezone == "America/New_York"
    assert settings.log_level == "WARNING"


def test_empty_values_mean_the_default(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("DISCORD_TOKEN=\nPADDOCK_DEV_GUILDS=\nPADDOCK_TIMEZONE=\n")
    settings = load_settings(_env_file=env_file, _environ={})
    assert settings.discord_token is None
    assert settings.dev_guilds == ()
    assert settings.timezone == "Europe/Berlin"


def test_guild_list_is_parsed() -> None:
    settings = load_settings(
        _env_file=None, _environ={}, PADDOCK_DEV_GUILDS=" 123456789012345678, 223456789012345678 "
    )
    assert settings.dev_guilds == (123456789012345678, 223456789012345678)


def test_the_token_never_shows_in_a_repr() -> None:
    settings = load_settings(_env_file=None, _environ={}, DISCORD_TOKEN="super.secret.token")
    assert "super.secret.token" not in repr(settings)
    assert settings.require_token() == "super.secret.token"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("PADDOCK_DEV_GUILDS", "12,abc"),
        ("PADDOCK_TIMEZONE", "Mars/Olympus_Mons"),
        ("PADDOCK_LOG_LEVEL", "LOUD"),
        ("PADDOCK_WEB_PORT", "80800"),
        ("PADDOCK_WEB_PORT", "eighty"),
        ("PADDOCK_WEB_HOST", "local host"),
        ("PADDOCK_PUBLIC_URL", "paddock.example.org"),
        ("PADDOCK_PUBLIC_URL", "https://paddock.example.org/?x=1"),
    ],
)
def test_a_bad_value_names_its_key(key: str, value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(_env_file=None, _environ={key: value})
    assert caught.value.key == key


def test_missing_token_explains_how_to_get_one() -> None:
    settings = load_settings(_env_file=None, _environ={})
    with pytest.raises(ConfigError, match="developers/applications"):
        settings.require_token()


def test_unknown_override_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        load_settings(_env_file=None, PADDOCK_COLOUR="blue")


def test_a_postgresql_url_selects_postgresql_and_a_path_sqlite() -> None:
    from bot.db import SQLiteDatabase, open_database
    from bot.db.postgres import PostgresDatabase

    url = "postgresql://paddock@db.example/paddock"
    settings = load_settings(_env_file=None, _environ={"PADDOCK_DATABASE": url})
    assert settings.database == url
    assert isinstance(open_database(settings.database), PostgresDatabase)
    path = load_settings(_env_file=None, _environ={"PADDOCK_DATABASE": "x/p.db"}).database
    assert path == Path("x/p.db")
    assert isinstance(open_database(path), SQLiteDatabase)


def test_web_settings_and_the_calendar_address() -> None:
    off = load_settings(_env_file=None, _environ={})
    assert off.web_port is None and off.calendar_base() is None
    on = load_settings(
        _env_file=None,
        _environ={
            "PADDOCK_WEB_PORT": "8080",
            "PADDOCK_PUBLIC_URL": "https://club.example/paddock/",
        },
    )
    assert (on.web_port, on.web_host) == (8080, "127.0.0.1")
    assert on.calendar_base() == "https://club.example/paddock"
    local = load_settings(_env_file=None, _environ={"PADDOCK_WEB_PORT": "8080"})
    assert local.calendar_base() == "http://127.0.0.1:8080"


def test_shards_default_to_discords_count_and_every_shard() -> None:
    settings = load_settings(_env_file=None, _environ={})
    assert (settings.shard_count, settings.shard_ids) == (None, None)
    auto = load_settings(_env_file=None, _environ={"PADDOCK_SHARDS": " Auto "})
    assert auto.shard_count is None


def test_shard_ids_take_ranges_and_lists() -> None:
    settings = load_settings(
        _env_file=None, _environ={"PADDOCK_SHARDS": "16", "PADDOCK_SHARD_IDS": "8-11, 2,0-1"}
    )
    assert settings.shard_count == 16
    assert settings.shard_ids == (0, 1, 2, 8, 9, 10, 11)


@pytest.mark.parametrize(
    ("environ", "key", "says"),
    [
        ({"PADDOCK_SHARDS": "0"}, "PADDOCK_SHARDS", "number like 4"),
        ({"PADDOCK_SHARDS": "many"}, "PADDOCK_SHARDS", "number like 4"),
        ({"PADDOCK_SHARDS": "4", "PADDOCK_SHARD_IDS": "3-1"}, "PADDOCK_SHARD_IDS", "0-3 or 0,2"),
        ({"PADDOCK_SHARDS": "4", "PADDOCK_SHARD_IDS": "a"}, "PADDOCK_SHARD_IDS", "0-3 or 0,2"),
        ({"PADDOCK_SHARD_IDS": "0-1"}, "PADDOCK_SHARD_IDS", "not auto"),
        ({"PADDOCK_SHARDS": "auto", "PADDOCK_SHARD_IDS": "0"}, "PADDOCK_SHARD_IDS", "not auto"),
        ({"PADDOCK_SHARDS": "4", "PADDOCK_SHARD_IDS": "2-4"}, "PADDOCK_SHARD_IDS", "0 to 3"),
    ],
)
def test_bad_shard_settings_say_what_would_work(
    environ: dict[str, str], key: str, says: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(_env_file=None, _environ=environ)
    assert caught.value.key == key
    assert says in str(caught.value)
