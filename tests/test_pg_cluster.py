"""The tests' throwaway PostgreSQL cluster does not outlive a test process killed with -9.

A "pytest" here is a child Python process that starts a cluster the way the session
fixture does and then waits; the test kills it with SIGKILL, which runs no teardown,
and polls until the cluster's postmaster is gone.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests import pg_cluster

ROOT = Path(__file__).resolve().parents[1]
BINARIES = pg_cluster.find_binaries()
CEILING = 60.0  # s: stopping a postmaster takes well under a second; a busy machine more

pytestmark = pytest.mark.skipif(BINARIES is None, reason="no PostgreSQL (initdb, pg_ctl)")

PARENT = """
import sys, time
from pathlib import Path
from tests import pg_cluster
with pg_cluster.throwaway_cluster(Path(sys.argv[1])) as url:
    print(url, flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    return pg_cluster._identity(pid) is not None


def _poll(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + CEILING
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {CEILING} s: {what}")
        time.sleep(0.1)


class Parent:
    """A process that started a cluster and holds it: its folder and postmaster."""

    def __init__(self) -> None:
        assert BINARIES is not None
        self.process = subprocess.Popen(
            [sys.executable, "-c", PARENT, str(BINARIES)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        url = self.process.stdout.readline().strip()
        assert url.startswith("postgresql://"), "the parent did not start a cluster"
        self.root = Path(parse_qs(urlsplit(url).query)["host"][0]).parent
        pid_file = self.root / "data" / "postmaster.pid"
        self.postmaster = int(pid_file.read_text().split()[0])
        assert _alive(self.postmaster)

    def watchdog(self) -> int:
        """The pid of the cluster's watchdog: the parent's child running pg_watchdog.py."""
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == self.process.pid and b"pg_watchdog.py" in command:
                return int(entry.name)
        raise AssertionError("no watchdog found")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        assert self.process.stdout is not None
        self.process.stdout.close()

    def leftover(self) -> bool:
        return _alive(self.postmaster) or self.root.exists()


@pytest.fixture
def parents() -> Iterator[list[Parent]]:
    """The parents a test starts; whatever they leave is stopped when it ends."""
    started: list[Parent] = []
    yield started
    assert BINARIES is not None
    for parent in started:
        if parent.process.poll() is None:
            parent.kill()
        if parent.root.exists():
            data = str(parent.root / "data")
            pg_cluster.stop_cluster(str(BINARIES / "pg_ctl"), data, pg_cluster._cluster_owner())
            shutil.rmtree(parent.root, ignore_errors=True)


def test_the_cluster_stops_when_its_test_process_is_killed(parents: list[Parent]) -> None:
    parents.append(parent := Parent())
    parent.kill()  # SIGKILL: no finally, no atexit
    _poll(lambda: not _alive(parent.postmaster), "the postmaster stopped")
    _poll(lambda: not parent.root.exists(), "the cluster's folder deleted")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the watchdog in /proc")
def test_a_cluster_left_by_a_dead_run_is_cleaned_at_the_next_start(
    parents: list[Parent],
) -> None:
    parents.append(dead := Parent())
    watchdog = dead.watchdog()
    os.kill(watchdog, signal.SIGKILL)  # the watchdog too: nothing is left to clean up
    _poll(lambda: not _alive(watchdog), "the watchdog killed")
    dead.kill()
    assert _alive(dead.postmaster), "nothing was left behind to clean"
    assert dead.root.exists()

    parents.append(following := Parent())  # the next run starts its cluster
    _poll(lambda: not dead.leftover(), "the dead run's cluster stopped and deleted")
    # ... but not its own, nor anyone else's whose process still runs.
    assert _alive(following.postmaster) and following.root.exists()
    assert BINARIES is not None
    assert following.root not in pg_cluster.reap_leftovers(BINARIES)
    assert _alive(following.postmaster)
