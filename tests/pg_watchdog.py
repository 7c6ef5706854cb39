"""Stops a throwaway PostgreSQL cluster when the test process that started it dies.

Run by tests/pg_cluster.py as a child with a pipe from the test process as its stdin.
Nothing is ever written to that pipe: its end of file means the test process is gone,
however it went (a clean exit, or SIGKILL, which runs no cleanup of its own). Then the
postmaster is stopped at once (`pg_ctl stop -m immediate`) and the cluster's folder
deleted. The child runs in a session of its own, so a signal to the test's process group
(Ctrl-C, a timeout killing the group) leaves it alive to do this.

Standard library only, run by path: it must start without the project on sys.path.

usage: pg_watchdog.py PG_CTL DATA_DIR ROOT_DIR [OWNER]
"""

from __future__ import annotations

import shutil
import subprocess
import sys


def stop_cluster(pg_ctl: str, data: str, owner: str | None) -> None:
    command = [pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"]
    if owner:  # initdb refused root, so the cluster belongs to `owner`
        command = ["runuser", "-u", owner, "--", *command]
    subprocess.run(command, check=False, capture_output=True, timeout=60)


def main(argv: list[str]) -> int:
    pg_ctl, data, root = argv[:3]
    owner = argv[3] if len(argv) > 3 else None
    while sys.stdin.buffer.read(4096):  # blocks until the test process's end closes
        pass
    stop_cluster(pg_ctl, data, owner)
    shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
