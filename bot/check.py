"""`python -m bot check`: an offline report on settings, data files and migrations."""

from __future__ import annotations

import base64
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.config import TOKEN_HELP, Settings
from bot.db.database import SQLiteDatabase, check_database_file, migration_files
from bot.errors import ConfigError, DatabaseFileError
from bot.i18n import DEFAULT, LANGUAGES
from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.models import Catalogue
from bot.services.specs.translations import gaps, load_translation, orphans
from bot.words import counted


async def run_check(settings: Settings, setting_errors: Sequence[ConfigError] = ()) -> int:
    """Print one line per finding, then a verdict; 0 when nothing failed, else 1.

    `setting_errors` are the keys read_settings() could not use (`settings` holds their
    defaults); they are reported with the rest rather than ending the check early.
    """
    problems = 0

    def report(ok: bool, label: str, detail: str) -> None:
        nonlocal problems
        problems += 0 if ok else 1
        print(f"[{'ok' if ok else 'FAIL'}] {label}: {detail}")

    bad = {error.key: error.message for error in setting_errors}
    for key, message in bad.items():
        report(False, key, message)
    if settings.discord_token is None:
        report(False, "DISCORD_TOKEN", f"missing (needed to run the bot); {TOKEN_HELP}")
    else:
        application = token_application(settings.discord_token.get_secret_value())
        report(
            application is not None,
            "DISCORD_TOKEN",
            f"set; shaped like a bot token of application {application} (not tried: offline)"
            if application
            else "set, but it can't be a Discord bot token: a bot token is three parts "
            "joined by dots, the first the application id in base64. Copy it again from "
            "the Developer Portal (your application → Bot → Reset Token)",
        )
    if "PADDOCK_TIMEZONE" not in bad:
        report(True, "PADDOCK_TIMEZONE", settings.timezone)
    if "PADDOCK_DEV_GUILDS" not in bad:
        guilds = ", ".join(map(str, settings.dev_guilds)) or "none (global)"
        report(True, "PADDOCK_DEV_GUILDS", guilds)
    if not bad.keys() & {"PADDOCK_WEB_PORT", "PADDOCK_WEB_HOST", "PADDOCK_PUBLIC_URL"}:
        _check_web(settings, report)

    migrations = migration_files()
    latest = migrations[-1][0] if migrations else 0
    with tempfile.TemporaryDirectory() as tmp:
        scratch = SQLiteDatabase(Path(tmp) / "check.db")
        try:
            await scratch.connect()
            await scratch.migrate()
            again = await scratch.migrate()
            verb = "applies" if len(migrations) == 1 else "apply"
            detail = f"{counted(len(migrations), 'migration')} {verb} cleanly and re-run as no-ops"
            report(not again, "migrations", detail)
        except sqlite3.Error as exc:
            report(False, "migrations", f"failed: {exc}")
        finally:
            await scratch.close()

    db_path = settings.database
    if "PADDOCK_DATABASE" in bad:
        pass  # already reported; the default path would only confuse
    elif isinstance(db_path, str):
        await _check_postgres(report, db_path)
    elif db_path.exists():
        try:
            check_database_file(db_path)
            with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            report(integrity == "ok", "PADDOCK_DATABASE", f"{db_path}: integrity {integrity}")
            detail = f"schema version {version} of {latest}" + (
                "" if version == latest else " (pending ones run on the next start)"
            )
            report(version <= latest, "schema", detail)
        except (DatabaseFileError, sqlite3.Error) as exc:
            report(False, "PADDOCK_DATABASE", str(exc))
    else:
        report(True, "PADDOCK_DATABASE", f"{db_path} (created on first run)")

    # report() counts the problems itself; `problems += _check_catalogue(report)`
    # read `problems` before the call and so threw the catalogue's FAILs away.
    _check_catalogue(report, settings.catalogue_extra)
    print("check passed" if problems == 0 else f"check failed: {counted(problems, 'problem')}")
    return 0 if problems == 0 else 1


_BASE64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def token_application(token: str) -> str | None:
    """The application id a bot token's first part encodes, or None when the text can't
    be a bot token. Offline: only its shape is read, Discord alone knows if it is valid."""
    parts = token.strip().split(".")
    if len(parts) != 3 or not all(parts) or not all(set(p) <= _BASE64URL for p in parts):
        return None
    try:
        first = base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)).decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return None
    # A snowflake: Discord's ids are 17 to 20 digits.
    return first if first.isdigit() and 17 <= len(first) <= 20 else None


def _check_web(settings: Settings, report: Callable[[bool, str, str], None]) -> None:
    """The calendar web server's settings: off, or where it listens and is reached."""
    if settings.web_port is None:
        report(True, "PADDOCK_WEB_PORT", "unset (no calendar feed or club page)")
        if settings.public_url:
            report(
                False, "PADDOCK_PUBLIC_URL", "set, but PADDOCK_WEB_PORT is not: nothing serves it"
            )
        return
    report(True, "PADDOCK_WEB_PORT", f"listening on {settings.web_host}:{settings.web_port}")
    if settings.public_url is None:
        report(
            False,
            "PADDOCK_PUBLIC_URL",
            f"missing; calendar links would point at {settings.calendar_base()}, which members "
            "can't reach. Set it to the address of your reverse proxy (see README)",
        )
    else:
        https = settings.public_url.startswith("https://")
        report(
            True,
            "PADDOCK_PUBLIC_URL",
            settings.public_url
            + ("" if https else " (plain http: put it behind a reverse proxy with TLS)"),
        )


async def _check_postgres(report: Callable[[bool, str, str], None], url: str) -> None:
    from bot.db.postgres import PostgresDatabase, postgres_migration_files

    latest = postgres_migration_files()[-1][0]
    db = PostgresDatabase(url)
    try:
        await db.connect()
        version = await db.user_version()
        report(True, "PADDOCK_DATABASE", "PostgreSQL reachable")
        detail = f"schema version {version} of {latest}" + (
            "" if version == latest else " (pending ones run on the next start)"
        )
        report(version <= latest, "schema", detail)
    except DatabaseFileError as exc:
        report(False, "PADDOCK_DATABASE", str(exc))
    finally:
        await db.close()


def _check_catalogue(report: Callable[[bool, str, str], None], extra: Path | None) -> int:
    """Report every catalogue error as a FAIL; returns how many there were."""
    catalogue = load_catalogue(extra=extra)
    for error in catalogue.errors:
        report(False, "catalogue", str(error))
    # What loaded, problems or not: a broken entry is left out and the rest still load.
    club = sum(1 for car in catalogue.cars if car.club)
    detail = f"{counted(len(catalogue.cars) - club, 'car')} in {catalogue.source}"
    if extra is not None:
        detail += f", {counted(club, 'club entry', 'club entries')} in {extra}"
    if catalogue.errors:
        detail += " (the entries above left out)"
    report(True, "catalogue", detail)
    _check_translations(report, catalogue)
    return len(catalogue.errors)


def _check_translations(report: Callable[[bool, str, str], None], catalogue: Catalogue) -> None:
    """Each language's words for the catalogue's notes, colour notes and factories, where
    the catalogue has a file for that language (the bundled one has, data/specs/i18n/):
    stale (translated from older English) or missing ones FAIL, as the tests do; a club's
    own entries may stay English."""
    for lang in sorted(LANGUAGES):
        if lang == DEFAULT:
            continue
        translation = load_translation(catalogue.source, lang)
        label = f"catalogue ({lang}, i18n/{lang}.toml)"
        if translation.file is None:
            report(True, label, "no translations; cards show the catalogue's own words")
            continue
        for problem in translation.errors:
            report(False, label, problem)
        found = gaps(catalogue.cars, translation)
        for gap in found:
            report(False, label, str(gap))
        for orphan in orphans(catalogue.cars, translation):
            report(False, label, f"{orphan} (remove it)")
        if not found and not translation.errors:
            report(True, label, f"{counted(len(translation.notes), 'note')} translated and current")
