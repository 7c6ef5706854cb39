"""Reaping test clusters leaked by killed runs (pg_cluster.reap_leftovers), on fake
clusters: a folder laid out like one, and a stand-in postmaster (a sleeping Python whose
command line names the folder's data directory, as a real postmaster's does). No
PostgreSQL needed; tests/test_pg_cluster.py does it with real clusters."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pg_cluster
from tests.pg_cluster import OWNER_FILE, PREFIX, UNOWNED_AGE, Process

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

SLEEPER = "import time; time.sleep(600)"
CEILING = 30.0  # s for a signalled stand-in to go; it goes at once


@pytest.fixture
def spawned() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()


def _quit_kills() -> None:
    # A shell starts background jobs with SIGQUIT ignored, and an ignored signal survives
    # exec, so a stand-in started under `cmd &` would shrug off the reaper's SIGQUIT. A
    # real postmaster sets its own handler; the stand-in gets the default (terminate).
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def sleeper(spawned: list[subprocess.Popen[bytes]], *args: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-c", SLEEPER, *args], preexec_fn=_quit_kills)
    spawned.append(process)
    return process


def fake_cluster(
    tmp: Path,
    spawned: list[subprocess.Popen[bytes]],
    *,
    owner: str | None = None,
    pid_of: subprocess.Popen[bytes] | None = None,
) -> tuple[Path, subprocess.Popen[bytes]]:
    """A cluster folder with a running stand-in postmaster; its postmaster.pid names
    `pid_of` instead, if given (a pid reused by another process)."""
    root = Path(tempfile.mkdtemp(prefix=PREFIX, dir=tmp))
    data = root / "data"
    data.mkdir()
    (root / "run").mkdir()
    postmaster = sleeper(spawned, "-D", str(data))
    named = pid_of or postmaster
    (data / "postmaster.pid").write_text(f"{named.pid}\n{data}\n{int(time.time())}\n5432\n")
    if owner is not None:
        (root / OWNER_FILE).write_text(owner)
    return root, postmaster


def snapshot(
    *processes: subprocess.Popen[bytes], extra: tuple[Process, ...] = ()
) -> dict[int, Process]:
    """These processes as processes() sees them, plus made-up ones: the test's own
    pytest (and the other helpers') left out, so the test says who is running."""
    real = pg_cluster.processes()
    found = {p.pid: real[p.pid] for p in processes}
    return found | {p.pid: p for p in extra}


def started(process: subprocess.Popen[bytes]) -> float:
    return pg_cluster.processes()[process.pid].started


def pytest_run(pid: int, at: float) -> Process:
    return Process(pid, at, ("/work/venvs/x/bin/python", "-m", "pytest", "-q"))


def gone(process: subprocess.Popen[bytes]) -> bool:
    try:
        process.wait(timeout=CEILING)
    except subprocess.TimeoutExpired:
        return False
    return True


def test_an_unowned_cluster_no_running_pytest_can_be_using_is_stopped_and_deleted(
    tmp_path: Path, spawned: list[subprocess.Popen[bytes]]
) -> None:
    root, postmaster = fake_cluster(tmp_path, spawned)
    born = started(postmaster)
    later_run = pytest_run(4_000_001, born + 5)  # started after it: can't have started it
    procs = snapshot(postmaster, extra=(later_run,))

    reaped = pg_cluster.reap_leftovers(None, tmp_path, procs=procs, now=born + UNOWNED_AGE + 1)

    assert reaped == [root]
    assert gone(postmaster), "the postmaster was stopped"
    assert not root.exists()


def test_an_unowned_cluster_a_running_pytest_may_have_started_is_left(
    tmp_path: Path, spawned: list[subprocess.Popen[bytes]]
) -> None:
    root, postmaster = fake_cluster(tmp_path, spawned)
    born = started(postmaster)
    long_run = pytest_run(4_000_002, born - 60)  # another helper's run, started before it
    procs = snapshot(postmaster, extra=(long_run,))

    reaped = pg_cluster.reap_leftovers(None, tmp_path, procs=procs, now=born + UNOWNED_AGE + 1)

    assert reaped == []
    assert postmaster.poll() is None, "a cluster a running pytest may use is never stopped"
    assert root.exists()


def test_an_unowned_cluster_younger_than_the_threshold_is_left(
    tmp_path: Path, spawned: list[subprocess.Popen[bytes]]
) -> None:
    root, postmaster = fake_cluster(tmp_path, spawned)
    born = started(postmaster)
    procs = snapshot(postmaster)  # no pytest at all

    reaped = pg_cluster.reap_leftovers(None, tmp_path, procs=procs, now=born + UNOWNED_AGE - 60)

    assert reaped == []
    assert postmaster.poll() is None
    assert root.exists()


def test_a_pid_reused_by_another_process_is_never_signalled(
    tmp_path: Path, spawned: list[subprocess.Popen[bytes]]
) -> None:
    bystander = sleeper(spawned)  # holds the pid the dead postmaster's file names
    root, postmaster = fake_cluster(tmp_path, spawned, pid_of=bystander)
    postmaster.kill()  # the cluster's real postmaster is long gone
    postmaster.wait()
    os.utime(root, (0, 0))  # and the folder is old
    procs = snapshot(bystander)

    reaped = pg_cluster.reap_leftovers(None, tmp_path, procs=procs, now=time.time())

    assert reaped == [root], "a folder with nothing running is deleted"
    assert bystander.poll() is None, "the process now holding that pid is left alone"


def test_an_owned_cluster_is_reaped_only_when_its_owner_is_gone(
    tmp_path: Path, spawned: list[subprocess.Popen[bytes]]
) -> None:
    me = f"{os.getpid()} {pg_cluster._identity(os.getpid())}"
    mine, my_postmaster = fake_cluster(tmp_path, spawned, owner=me)
    # The same pid with another start time: a process that died, its pid reused since.
    dead, dead_postmaster = fake_cluster(tmp_path, spawned, owner=f"{os.getpid()} 1")
    procs = snapshot(my_postmaster, dead_postmaster)

    reaped = pg_cluster.reap_leftovers(None, tmp_path, procs=procs)

    assert reaped == [dead]
    assert gone(dead_postmaster)
    assert not dead.exists()
    assert my_postmaster.poll() is None, "a cluster whose owner runs is never stopped"
    assert mine.exists()


def test_this_running_pytest_keeps_an_unowned_cluster_it_may_have_started(
    tmp_path: Path, spawned: list[subprocess.Popen[bytes]]
) -> None:
    # The whole process table this time: this test's own pytest (its xdist controller,
    # under -n) started before the stand-in, so the stand-in could be its cluster.
    root, postmaster = fake_cluster(tmp_path, spawned)
    far_future = time.time() + 10 * UNOWNED_AGE

    assert pg_cluster.reap_leftovers(None, tmp_path, now=far_future) == []
    assert postmaster.poll() is None
    assert root.exists()


def test_the_process_table_names_this_process() -> None:
    me = pg_cluster.processes()[os.getpid()]
    assert me.argv[0] == sys.orig_argv[0]
    assert time.time() - 24 * 3600 < me.started <= time.time() + 1
