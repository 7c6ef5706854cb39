"""`python -m bot`: settings errors exit 2 with one clear line, and the offline commands."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from itertools import islice
from pathlib import Path

import pytest

from bot.__main__ import retry_delays

ROOT = Path(__file__).resolve().parent.parent
# Shaped like a bot token (application 123456789012345678); never sent anywhere.
TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDe.0123456789abcdefghijklmnopqrstuvwxyz-_AB"


def run_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "PADDOCK_"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_clear_line(result: subprocess.CompletedProcess[str], key: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert key in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_token_exits_2_and_says_how_to_get_one(tmp_path: Path) -> None:
    result = run_cli(cwd=tmp_path)
    assert_one_clear_line(result, "DISCORD_TOKEN")
    assert "developers/applications" in result.stderr
    assert list(tmp_path.iterdir()) == []  # wrote nothing, not even data/


def test_token_from_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("PADDOCK_TIMEZONE=Nowhere/Atlantis\n")
    result = run_cli(cwd=tmp_path, DISCORD_TOKEN=TOKEN)
    assert_one_clear_line(result, "PADDOCK_TIMEZONE")


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({"PADDOCK_DEV_GUILDS": "12345,not-a-guild"}, "PADDOCK_DEV_GUILDS"),
        ({"PADDOCK_DEV_GUILDS": "²" * 17}, "PADDOCK_DEV_GUILDS"),
        ({"PADDOCK_TIMEZONE": "Mars/Olympus_Mons"}, "PADDOCK_TIMEZONE"),
        ({"PADDOCK_LOG_LEVEL": "LOUD"}, "PADDOCK_LOG_LEVEL"),
    ],
)
def test_malformed_settings_exit_2_naming_the_key(
    tmp_path: Path, env: dict[str, str], key: str
) -> None:
    result = run_cli(cwd=tmp_path, DISCORD_TOKEN=TOKEN, **env)
    assert_one_clear_line(result, key)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_database_path_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli(cwd=tmp_path, DISCORD_TOKEN=TOKEN, PADDOCK_DATABASE=str(blocker / "db.sqlite"))
    assert_one_clear_line(result, "PADDOCK_DATABASE")
    assert blocker.read_text() == "not a folder"


def test_corrupt_database_exits_2_and_is_left_untouched(tmp_path: Path) -> None:
    bad = tmp_path / "paddock.db"
    bad.write_bytes(b"garbage" * 100)
    result = run_cli(cwd=tmp_path, DISCORD_TOKEN=TOKEN, PADDOCK_DATABASE=str(bad))
    assert_one_clear_line(result, "PADDOCK_DATABASE")
    assert bad.read_bytes() == b"garbage" * 100


def test_help_explains_each_command(tmp_path: Path) -> None:
    result = run_cli("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("run", "check", "sync", "backup"):
        assert command in result.stdout
    sync_help = run_cli("sync", "--help", cwd=tmp_path)
    assert "--force" in sync_help.stdout


def test_check_passes_offline_with_a_token(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path, DISCORD_TOKEN=TOKEN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "migrations" in result.stdout
    assert "check passed" in result.stdout
    assert result.stderr == "", "check prints its report only (no migration log lines)"


def test_check_reports_the_web_settings(tmp_path: Path) -> None:
    off = run_cli("check", cwd=tmp_path, DISCORD_TOKEN=TOKEN)
    assert "[ok] PADDOCK_WEB_PORT: unset (no calendar feed or club page)" in off.stdout
    on = run_cli(
        "check",
        cwd=tmp_path,
        DISCORD_TOKEN=TOKEN,
        PADDOCK_WEB_PORT="8080",
        PADDOCK_PUBLIC_URL="https://paddock.example.org",
    )
    assert on.returncode == 0, on.stdout
    assert "[ok] PADDOCK_WEB_PORT: listening on 127.0.0.1:8080" in on.stdout
    assert "[ok] PADDOCK_PUBLIC_URL: https://paddock.example.org" in on.stdout
    unreachable = run_cli("check", cwd=tmp_path, DISCORD_TOKEN=TOKEN, PADDOCK_WEB_PORT="8080")
    assert unreachable.returncode == 1
    assert "[FAIL] PADDOCK_PUBLIC_URL: missing" in unreachable.stdout


def test_check_reports_every_problem_before_exiting(tmp_path: Path) -> None:
    bad = tmp_path / "paddock.db"
    bad.write_bytes(b"garbage" * 100)
    (tmp_path / ".env").write_text("PADDOCK_TIMEZONE=Mars/Olympus_Mons\n")
    result = run_cli(
        "check",
        cwd=tmp_path,
        PADDOCK_DEV_GUILDS="not-a-guild",
        PADDOCK_LOG_LEVEL="LOUD",
        PADDOCK_DATABASE=str(bad),
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == ""
    failed = {
        line.split(":")[0].removeprefix("[FAIL] ")
        for line in result.stdout.splitlines()
        if line.startswith("[FAIL]")
    }
    assert failed == {
        "PADDOCK_TIMEZONE",
        "PADDOCK_DEV_GUILDS",
        "PADDOCK_LOG_LEVEL",
        "DISCORD_TOKEN",
        "PADDOCK_DATABASE",
    }, result.stdout
    assert "Mars/Olympus_Mons" in result.stdout
    assert "[ok] catalogue" in result.stdout  # the checks after the failures still ran
    assert result.stdout.splitlines()[-1] == "check failed: 5 problems"
    for line in result.stdout.splitlines()[:-1]:
        assert line.startswith(("[ok] ", "[FAIL] ")), line


@pytest.mark.parametrize(
    "token", ["abc", "a.b.c", "bm90LWFuLWlk.GabcDe.0123456789abcdefghij", "Bot " + TOKEN]
)
def test_check_fails_for_text_that_cant_be_a_token(tmp_path: Path, token: str) -> None:
    # It said "[ok] DISCORD_TOKEN: set" for anything, even "abc".
    result = run_cli("check", cwd=tmp_path, DISCORD_TOKEN=token)
    assert result.returncode == 1, result.stdout
    assert "[FAIL] DISCORD_TOKEN: set, but it can't be a Discord bot token" in result.stdout
    assert token not in result.stdout + result.stderr


def test_check_names_the_application_a_token_is_shaped_for(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path, DISCORD_TOKEN=TOKEN)
    assert "[ok] DISCORD_TOKEN: set; shaped like a bot token of application 123456789012345678" in (
        result.stdout
    )
    assert TOKEN not in result.stdout + result.stderr
    assert TOKEN.split(".")[2] not in result.stdout


def test_check_fails_without_a_token(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 1
    # What to do next, as `python -m bot` itself says it.
    assert (
        "[FAIL] DISCORD_TOKEN: missing (needed to run the bot); create a bot at "
        "https://discord.com/developers/applications, copy its token from the Bot page "
        "and put DISCORD_TOKEN=... in .env (see README)"
    ) in result.stdout


def test_check_reports_a_corrupt_database(tmp_path: Path) -> None:
    bad = tmp_path / "paddock.db"
    bad.write_bytes(b"garbage" * 100)
    result = run_cli("check", cwd=tmp_path, DISCORD_TOKEN=TOKEN, PADDOCK_DATABASE=str(bad))
    assert result.returncode == 1
    assert "PADDOCK_DATABASE" in result.stdout


def test_backup_copies_the_database(tmp_path: Path) -> None:
    source = tmp_path / "paddock.db"
    with sqlite3.connect(source) as conn:
        conn.execute("CREATE TABLE t(x)")
        conn.execute("INSERT INTO t VALUES (92)")
    target = tmp_path / "backup" / "copy.db"
    result = run_cli("backup", str(target), cwd=tmp_path, PADDOCK_DATABASE=str(source))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT x FROM t").fetchone()[0] == 92


def test_backup_without_a_database_exits_2(tmp_path: Path) -> None:
    result = run_cli("backup", str(tmp_path / "x.db"), cwd=tmp_path)
    assert_one_clear_line(result, "PADDOCK_DATABASE")


def make_database(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t(x)")
        conn.execute("INSERT INTO t VALUES (92)")
    return path


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_backup_refuses_a_path_git_would_commit(tmp_path: Path) -> None:
    checkout = tmp_path / "paddock"
    checkout.mkdir()
    subprocess.run(["git", "init", "--quiet", str(checkout)], check=True)
    (checkout / ".gitignore").write_text("backups/\n")
    source = make_database(tmp_path / "paddock.db")

    exposed = checkout / "copy.db"
    result = run_cli("backup", str(exposed), cwd=checkout, PADDOCK_DATABASE=str(source))
    assert result.returncode == 1, result.stderr
    assert "not ignored by git" in result.stderr and "backups/" in result.stderr
    assert "Traceback" not in result.stderr
    assert not exposed.exists()

    ignored = checkout / "backups" / "copy.db"
    result = run_cli("backup", str(ignored), cwd=checkout, PADDOCK_DATABASE=str(source))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(ignored) as conn:
        assert conn.execute("SELECT x FROM t").fetchone()[0] == 92


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs a git checkout"
)
def test_this_checkout_ignores_backups_and_refuses_other_paths(tmp_path: Path) -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "--quiet", "backups/paddock-2027-08-21.db"], cwd=ROOT
    )
    assert ignored.returncode == 0, "backups/ must be in .gitignore"
    exposed = ROOT / "paddock-backup-test.db"
    source = make_database(tmp_path / "paddock.db")
    result = run_cli("backup", str(exposed), cwd=tmp_path, PADDOCK_DATABASE=str(source))
    assert result.returncode == 1, result.stderr
    assert not exposed.exists()


def test_retry_delays_double_from_1_s_and_stop_at_60_s() -> None:
    assert list(islice(retry_delays(), 9)) == [1, 2, 4, 8, 16, 32, 60, 60, 60]


@pytest.mark.parametrize("kind", ["empty file", "another program's database", "not SQLite"])
def test_migrate_db_refuses_a_source_that_is_not_a_paddock_database(
    tmp_path: Path, kind: str
) -> None:
    """A wrong --from was migrated (Paddock's tables built inside it) and then copied:
    "copied 0 rows … every count matches" for an empty file, "tables missing on
    PostgreSQL" for another program's database, and advice about PADDOCK_DATABASE for a
    file that isn't SQLite. Each is refused before PostgreSQL is contacted, untouched."""
    source = tmp_path / "club.db"
    if kind == "empty file":
        source.touch()
    elif kind == "another program's database":
        with sqlite3.connect(source) as conn:
            conn.execute("CREATE TABLE notes (body TEXT)")
        conn.close()
    else:
        source.write_text("not a database")
    before = source.read_bytes()
    # Nothing listens on port 1: reaching PostgreSQL would fail differently.
    result = run_cli(
        "migrate-db", "--from", str(source), "--to", "postgresql://x@127.0.0.1:1/x", cwd=tmp_path
    )
    assert result.returncode == 1, result.stderr
    expected = "is not a SQLite database" if kind == "not SQLite" else "holds no Paddock data"
    assert f"error: --from {source} {expected}; name the file the bot runs on" in result.stderr
    assert "PostgreSQL" not in result.stderr and "Traceback" not in result.stderr
    assert source.read_bytes() == before
