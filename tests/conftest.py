"""Shared fixtures: real databases built by the production migrations, SQLite and PostgreSQL.

Every test that takes `db` runs twice: on a fresh SQLite file and on a fresh PostgreSQL
database (tests/pg_cluster.py says where the server comes from; without one that half
is skipped, with the reason). A test about something only SQLite has (its pragmas, its
query plans, its file) is marked `sqlite_only`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from bot.clock import ManualClock
from bot.db import Database, SQLiteDatabase
from bot.db.postgres import PostgresDatabase
from bot.services.meets import MeetService
from tests import pg_cluster
from tests.services.meetkit import NOW
from tests.services.query_plans import Statement, check_plans, service_statements

# Property tests check rules, not speed: Hypothesis's default 200 ms deadline per example
# and its too-slow health check would fail them whenever the machine is busy.
settings.register_profile("paddock", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("paddock")


# Tests spend most of their time waiting on the fake Discord and the bot's timers, so
# workers overlap well even on 2 cores: about 4x faster than one process there.
XDIST_WORKERS = 4


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """The whole suite (`pytest` with no paths) runs on XDIST_WORKERS pytest-xdist workers;
    named paths run in one process, quicker to start; `-n N` always wins (`-n 0`: one
    process). Here rather than in addopts so that a virtualenv installed before
    pytest-xdist joined the test extra still runs the suite, in one process."""
    option = config.option
    if (
        not config.pluginmanager.hasplugin("xdist")
        or hasattr(config, "workerinput")  # a worker itself
        or config.args_source is not pytest.Config.ArgsSource.TESTPATHS
        or option.numprocesses is not None
        or option.usepdb
        or option.collectonly
    ):
        return
    option.numprocesses = XDIST_WORKERS
    if option.dist == "no":
        # Long e2e tests and short unit tests mix; idle workers take work from busy ones.
        option.dist = "worksteal"


# The PostgreSQL cluster the xdist controller starts for its workers (see below).
_workers_cluster = contextlib.ExitStack()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Reap the test clusters leaked by killed runs, once per run (the xdist controller,
    or the one process), before any test starts its own (tests/pg_cluster.py). The xdist
    controller then starts one cluster for all its workers (they inherit its URL in
    PADDOCK_TEST_POSTGRES, as from .ci/run) rather than each starting its own (initdb and
    a server per worker, ~4 s of CPU apiece)."""
    if hasattr(session.config, "workerinput"):
        return
    binaries = pg_cluster.find_binaries()
    try:
        pg_cluster.reap_leftovers(binaries)
    except OSError as exc:  # a leftover is no reason not to test
        warnings.warn(f"could not reap leftover PostgreSQL clusters: {exc}", stacklevel=1)
    # xdist's own sessionstart, which starts the workers, runs after this one (trylast).
    if binaries is None or os.environ.get(pg_cluster.ENV):
        return
    if not session.config.pluginmanager.hasplugin("dsession"):  # no workers
        return
    try:
        url = _workers_cluster.enter_context(pg_cluster.throwaway_cluster(binaries))
    except (OSError, subprocess.CalledProcessError) as exc:
        # Each worker tries for itself, and warns if it can't either.
        warnings.warn(f"could not start a PostgreSQL cluster: {exc}", stacklevel=1)
        return
    os.environ[pg_cluster.ENV] = url
    _workers_cluster.callback(os.environ.pop, pg_cluster.ENV, None)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop the workers' cluster (if this process started one), once they are gone."""
    _workers_cluster.close()


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk to loopback only; anything else is a bug in the test."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        loopback = isinstance(host, str) and (
            host.startswith("127.") or host in {"localhost", "::1"}
        )
        if self.family in (socket.AF_INET, socket.AF_INET6) and not loopback:
            raise RuntimeError(f"test tried to reach {host}; only loopback is allowed")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "paddock.db"


async def _migrated_sqlite(path: Path) -> None:
    database = SQLiteDatabase(path)
    await database.connect()
    try:
        await database.migrate()
    finally:
        await database.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file built by the production migrations, once per process: each test's
    `db` is a copy (the same bytes a fresh migration writes, for a file copy's cost)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    asyncio.run(_migrated_sqlite(path))
    # The last connection's close checkpoints the WAL into the file and deletes it.
    leftovers = [p.name for p in path.parent.iterdir() if p != path]
    assert not leftovers, f"the migrated template left {leftovers} beside it"
    return path


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str | None]:
    """The URL of a PostgreSQL server with the migrated template, or None if there is none."""
    url = os.environ.get(pg_cluster.ENV) or None
    if url is not None:
        pg_cluster.prepare_template(url)
        yield url
        # Someone else's server: leave nothing behind.
        if url in _shared:
            asyncio.run(pg_cluster.drop_database(url, _shared.pop(url)))
        asyncio.run(
            pg_cluster.drop_database(url, pg_cluster.with_database(url, pg_cluster.TEMPLATE))
        )
        return
    binaries = pg_cluster.find_binaries()
    if binaries is None:
        yield None
        return
    with contextlib.ExitStack() as stack:
        try:
            started = stack.enter_context(pg_cluster.throwaway_cluster(binaries))
            pg_cluster.prepare_template(started)
        except (OSError, subprocess.CalledProcessError) as exc:
            warnings.warn(f"could not start a PostgreSQL cluster: {exc}", stacklevel=1)
            yield None
            return
        yield started


NO_POSTGRES = (
    f"no PostgreSQL: set {pg_cluster.ENV}=postgresql://... or install PostgreSQL "
    "(initdb and pg_ctl) to run the PostgreSQL half (see the warnings if it would not start)"
)


@pytest.fixture
async def postgres_url(postgres_server: str | None) -> AsyncIterator[str]:
    """A fresh PostgreSQL database with the production schema, dropped afterwards."""
    if postgres_server is None:
        pytest.skip(NO_POSTGRES)
    url = await pg_cluster.fresh_database(postgres_server)
    try:
        yield url
    finally:
        await pg_cluster.drop_database(postgres_server, url)


_shared: dict[str, str] = {}


async def _shared_database(server: str) -> str:
    """The session's one service-test database (emptied after every test)."""
    if server not in _shared:
        _shared[server] = await pg_cluster.fresh_database(server)
    return _shared[server]


@pytest.fixture(params=["sqlite", "postgres"])
async def db(
    request: pytest.FixtureRequest,
    db_path: Path,
    postgres_server: str | None,
    sqlite_template: Path,
) -> AsyncIterator[Database]:
    """The production schema in a fresh database, once per backend (on SQLite a copy of
    the migrated template, on which migrate() finds nothing left to do). On SQLite every
    statement the test runs through it is checked for full scans of growing tables when
    the test ends (query_plans.py)."""
    if request.param == "postgres":
        if request.node.get_closest_marker("sqlite_only"):
            pytest.skip("about SQLite itself")
        if postgres_server is None:
            pytest.skip(NO_POSTGRES)
        url = await _shared_database(postgres_server)
        database = PostgresDatabase(url)
        await database.connect()
        try:
            yield database
        finally:
            await database.close()
            await pg_cluster.empty_database(url)
        return
    statements: list[Statement] = []
    shutil.copyfile(sqlite_template, db_path)
    sqlite = SQLiteDatabase(db_path, trace=service_statements(statements))
    await sqlite.connect()
    await sqlite.migrate()
    try:
        yield sqlite
    finally:
        await sqlite.close()
    problems = check_plans(db_path, statements)
    if problems:
        pytest.fail("full scan of a growing table:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def clock() -> ManualClock:
    """A clock at tests.services.meetkit.NOW that moves only when a test moves it."""
    return ManualClock(NOW)


@pytest.fixture
def meets(db: Database, clock: ManualClock) -> MeetService:
    return MeetService(db, clock)
