"""`python -m bot [run|check|sync|backup|migrate-db]`, also installed as `paddock`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import aiohttp
import discord

from bot import __version__
from bot.config import Settings, ensure_database_path, load_settings, read_settings
from bot.errors import ConfigError, DatabaseFileError
from bot.words import counted

log = logging.getLogger("paddock")

EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paddock",
        description="Paddock, a Discord bot for car clubs. Settings come from the environment "
        "and a .env file in the current directory (see .env.example).",
    )
    parser.add_argument("--version", action="version", version=f"paddock {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser(
        "run",
        help="run the bot (the default)",
        description="Run the bot until "
        "SIGINT or SIGTERM; commands are synced only when their definition changed.",
    )
    sub.add_parser(
        "check",
        help="validate settings, data files and migrations offline",
        description="Validate settings, the car catalogue and the migrations without contacting "
        "Discord. Prints a report; exits 0 when everything is fine, 1 otherwise.",
    )
    sync = sub.add_parser(
        "sync",
        help="push the command tree to Discord and exit",
        description="Log in, push the command tree (to PADDOCK_DEV_GUILDS if set, else "
        "globally) when it changed, and exit.",
    )
    sync.add_argument("--force", action="store_true", help="sync even if nothing changed")
    backup = sub.add_parser(
        "backup",
        help="copy the database to PATH while the bot may be running",
        description="Make a consistent copy of the database with SQLite's online backup API.",
    )
    backup.add_argument("path", type=Path, help="where to write the copy")
    move = sub.add_parser(
        "migrate-db",
        help="copy a SQLite database into an empty PostgreSQL database",
        description="Copy every table of a SQLite database (stop the bot first) into an "
        "empty PostgreSQL database, verify the row counts, and say how many rows moved. "
        "Refuses a target that already holds rows.",
    )
    move.add_argument("--from", dest="source", type=Path, required=True, help="the SQLite file")
    move.add_argument("--to", dest="target", required=True, help="postgresql://user@host/db")
    return parser


def setup_logging(settings: Settings, *, quiet: bool = False) -> None:
    """Log to stderr at PADDOCK_LOG_LEVEL; `quiet` keeps to warnings and worse (for
    commands whose output is a report, such as `check`)."""
    level = max(settings.log_level_number, logging.WARNING) if quiet else settings.log_level_number
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # discord.py's gateway chatter is noise at INFO, and Paddock has no voice features.
    logging.getLogger("discord").setLevel(max(settings.log_level_number, logging.WARNING))
    logging.getLogger("discord.client").addFilter(
        lambda record: "voice will NOT be supported" not in record.getMessage()
    )


def fail(key: str, message: str) -> int:
    print(f"error: {key}: {message}", file=sys.stderr)
    return EXIT_CONFIG


# Discord out of reach (no network yet at boot, DNS down, connection refused, Discord's own
# 5xx after discord.py's retries): a daemon waits and tries again. Once logged in,
# discord.py reconnects the gateway by itself; these only reach us from the login.
UNREACHABLE = (aiohttp.ClientConnectionError, discord.DiscordServerError)
RETRY_FIRST, RETRY_MAX = 1.0, 60.0


def retry_delays(first: float = RETRY_FIRST, cap: float = RETRY_MAX) -> Iterator[float]:
    """Seconds to wait before each new attempt: doubling from `first`, never above `cap`."""
    delay = first
    while True:
        yield delay
        delay = min(delay * 2, cap)


def unreachable_reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


async def _run_bot(settings: Settings, token: str) -> int:
    from bot.app import PaddockBot

    stopping = asyncio.Event()
    bot: PaddockBot | None = None
    closing: set[asyncio.Future[None]] = set()  # a reference, so the task isn't collected

    def stop() -> None:
        stopping.set()
        if bot is not None:
            task = asyncio.ensure_future(bot.close())
            closing.add(task)
            task.add_done_callback(closing.discard)

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop)
    delays = retry_delays()
    while not stopping.is_set():
        # A fresh bot per attempt: a failed login has already closed the last one.
        bot = PaddockBot(settings, freeze_heap=True)
        try:
            async with bot:
                await bot.start(token)
                # start() returns as soon as the gateway closes; wait for the rest of
                # shutdown (writes in flight, the database) before the loop goes away.
                await bot.close()
            return EXIT_OK
        except discord.LoginFailure:
            return fail(
                "DISCORD_TOKEN",
                "Discord rejected the token (401); copy a fresh one from "
                "the Bot page of your application and update .env",
            )
        except DatabaseFileError as exc:
            return fail("PADDOCK_DATABASE", str(exc))
        except UNREACHABLE as exc:
            if stopping.is_set():
                break
            delay = next(delays)
            log.warning(
                "cannot reach Discord (%s); retrying in %g s", unreachable_reason(exc), delay
            )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), delay)
    return EXIT_OK


async def _sync(settings: Settings, token: str, force: bool) -> int:
    from bot.app import PaddockBot

    bot = PaddockBot(settings, sync_on_start=False)
    try:
        async with bot:
            await bot.login(token)
            synced = await bot.sync_commands(force=force)
    except discord.LoginFailure:
        return fail("DISCORD_TOKEN", "Discord rejected the token (401)")
    except UNREACHABLE as exc:
        # A one-off command: say so and let the caller decide when to try again.
        print(f"error: cannot reach Discord ({unreachable_reason(exc)})", file=sys.stderr)
        return EXIT_FAILED
    except DatabaseFileError as exc:
        return fail("PADDOCK_DATABASE", str(exc))
    print("synced: " + (", ".join(synced) if synced else "nothing (tree unchanged)"))
    return EXIT_OK


FROM_HELP = (
    "name the file the bot runs on (its PADDOCK_DATABASE; data/paddock.db in the folder "
    "you start Paddock from, by default)"
)


def _holds_paddock(source: Path) -> bool:
    """Whether `source` is a database Paddock has run on: read-only, it has Paddock's
    tables."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        found = conn.execute(
            "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' "
            "AND name IN ('guild_settings', 'meets')"
        ).fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return bool(found and found[0] == 2)


async def _migrate_db(source: Path, target: str) -> int:
    from bot.db.copy import CopyRefused, copy_sqlite_to_postgres
    from bot.db.database import check_database_file
    from bot.db.postgres import is_postgres_url

    if not is_postgres_url(target):
        print("error: --to must be a postgresql:// URL", file=sys.stderr)
        return EXIT_FAILED
    if not source.is_file():
        print(f"error: --from {source} does not exist", file=sys.stderr)
        return EXIT_FAILED
    try:
        check_database_file(source)
    except DatabaseFileError:
        # check_database_file's advice is about PADDOCK_DATABASE; here the file is --from.
        print(f"error: --from {source} is not a SQLite database; {FROM_HELP}", file=sys.stderr)
        return EXIT_FAILED
    if not _holds_paddock(source):
        # An empty file or another program's database: copying would first build
        # Paddock's tables inside it, then "copy" nothing and report success.
        print(f"error: --from {source} holds no Paddock data; {FROM_HELP}", file=sys.stderr)
        return EXIT_FAILED
    try:
        counts = await copy_sqlite_to_postgres(source, target)
    except (CopyRefused, DatabaseFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    rows, tables = counted(sum(counts.values()), "row"), counted(len(counts), "table")
    print(f"copied {rows} in {tables}; every count matches")
    return EXIT_OK


async def _backup(settings: Settings, target: Path) -> int:
    from bot.backup import refusal
    from bot.db import SQLiteDatabase

    if isinstance(settings.database, str):
        print("error: PADDOCK_DATABASE is PostgreSQL; back it up with pg_dump", file=sys.stderr)
        return EXIT_FAILED
    if not settings.database.exists():
        return fail("PADDOCK_DATABASE", f"{settings.database} does not exist; nothing to back up")
    if target.resolve() == settings.database.resolve():
        print("error: the backup path must differ from the database", file=sys.stderr)
        return EXIT_FAILED
    refused = refusal(target)
    if refused:
        print(f"error: {refused}", file=sys.stderr)
        return EXIT_FAILED
    db = SQLiteDatabase(settings.database)
    try:
        await db.connect()
        await db.backup(target)
    except DatabaseFileError as exc:
        return fail("PADDOCK_DATABASE", str(exc))
    finally:
        await db.close()
    print(f"backed up {settings.database} to {target}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "run"
    if command == "migrate-db":
        # Needs no settings: both databases are named on the command line.
        return asyncio.run(_migrate_db(args.source, args.target))
    if command == "check":
        from bot.check import run_check

        # Every bad setting is one line of the report, not the end of the check.
        settings, errors = read_settings()
        setup_logging(settings, quiet=True)
        return asyncio.run(run_check(settings, errors))
    try:
        settings = load_settings()
    except ConfigError as exc:
        return fail(exc.key, exc.message)
    setup_logging(settings)
    try:
        if command == "backup":
            return asyncio.run(_backup(settings, args.path))
        token = settings.require_token()
        if isinstance(settings.database, Path):
            ensure_database_path(settings.database)
            from bot.db.database import check_database_file

            check_database_file(settings.database)
    except ConfigError as exc:
        return fail(exc.key, exc.message)
    except DatabaseFileError as exc:
        return fail("PADDOCK_DATABASE", str(exc))
    if command == "sync":
        return asyncio.run(_sync(settings, token, args.force))
    return asyncio.run(_run_bot(settings, token))


if __name__ == "__main__":
    sys.exit(main())
