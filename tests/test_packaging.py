"""An installed Paddock (a built wheel in a fresh virtualenv) has its car catalogue.

The wheel is built offline from a copy of this checkout, installed into a new virtualenv
without the network, and the installed bot is started from an unrelated directory against
the fake Discord, where `/specs 1M` must find the car. The new virtualenv borrows the test
environment's dependencies through a .pth file, so nothing is downloaded.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import site
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.e2e.cli import ROOT, bot_env, is_ready, read_stderr
from tests.fakediscord import FakeDiscord
from tests.fakediscord.pytest_fixtures import build_test_club

pytestmark = pytest.mark.e2e

JUNK = shutil.ignore_patterns(
    ".git", ".venv", "venv", ".ci-venv", "build", "dist", "*.egg-info", "__pycache__",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", "*.db", "*.db-*", ".env",
)  # fmt: skip

# Starts the installed bot against the fake. Only the fake's patch is read from the checkout,
# by file path: the checkout itself stays off sys.path, so `bot` is the installed copy.
RUNNER = """\
import importlib.util, sys
from types import SimpleNamespace

spec = importlib.util.spec_from_file_location("fake_patch", sys.argv[1])
patch = importlib.util.module_from_spec(spec)
spec.loader.exec_module(patch)

import bot
from bot.__main__ import main
from bot.services.specs.catalogue import default_catalogue_path

print("package:", bot.__file__, flush=True)
print("catalogue:", default_catalogue_path(), flush=True)
with patch.patch_discord(SimpleNamespace(api_base=sys.argv[2], gateway_url=sys.argv[3])):
    code = main(sys.argv[4:])
sys.exit(code)
"""


def run(*argv: str | Path, cwd: Path | None = None) -> None:
    result = subprocess.run(
        [str(a) for a in argv], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a clean copy (an in-tree build/ could carry stale files)."""
    # Built without build isolation (no network), so with this environment's setuptools.
    have = tuple(int(p) for p in version("setuptools").split(".")[:2])
    assert have >= (70, 1), "needs setuptools>=70.1 to build wheels: pip install -e '.[test]'"
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    shutil.copytree(ROOT, source, ignore=JUNK)
    run(
        sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
        "--no-build-isolation", "--wheel-dir", tmp / "dist", source,
    )  # fmt: skip
    [built] = (tmp / "dist").glob("paddock-*.whl")
    return built


def shipped_files(folder: Path) -> set[str]:
    return {
        p.relative_to(ROOT).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_wheel_carries_the_code_the_migrations_and_the_catalogue(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = shipped_files(ROOT / "bot") | shipped_files(ROOT / "cogs")
    missing = sorted(expected - names)
    assert not missing, f"files the wheel leaves out (add them to package-data): {missing}"
    tomls = sorted((ROOT / "data" / "specs").glob("*.toml"))
    assert len(tomls) >= 10
    for toml in tomls:
        assert f"bot/catalogue/{toml.name}" in names
    assert "bot/catalogue/README.md" in names
    for toml in sorted((ROOT / "data" / "specs" / "i18n").glob("*.toml")):
        assert f"bot/catalogue/i18n/{toml.name}" in names  # the catalogue's translations
    # Nothing else of the repository rides along (tests, bench, the data folder itself).
    assert not [n for n in names if n.split("/")[0] in {"tests", "bench", "data"}]


async def test_installed_wheel_answers_specs_1m_from_another_directory(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(
        sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
        "--no-index", wheel,
    )  # fmt: skip
    assert (venv / "bin" / "paddock").exists()
    # Only now lend it our dependencies: had pip seen them first, the editable Paddock
    # among them would have counted as already installed.
    [site_packages] = (venv / "lib").glob("python3*/site-packages")
    (site_packages / "zz-test-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    elsewhere = tmp_path / "club-server"
    elsewhere.mkdir()
    (elsewhere / "runner.py").write_text(RUNNER)
    env = bot_env("", elsewhere / "paddock.db")
    env.pop("PYTHONPATH")

    async with FakeDiscord() as fake:
        club = build_test_club(fake)
        env["DISCORD_TOKEN"] = fake.token
        proc = await asyncio.create_subprocess_exec(
            python, "runner.py", str(ROOT / "tests" / "fakediscord" / "patch.py"),
            fake.api_base, fake.gateway_url, "run",
            cwd=elsewhere, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            await read_stderr(proc, is_ready, 30)
            assert len(fake.sync_calls) == 1
            record = await fake.slash(
                club.guild_id, club.general_id, club.member_id, "specs", {"model": "1M"}
            )
            await record.wait_response(10)
            proc.send_signal(signal.SIGTERM)
            out, err = await asyncio.wait_for(proc.communicate(), 20)
        finally:
            if proc.returncode is None:  # never leave a bot running after a failed test
                proc.kill()
                await proc.wait()
    assert proc.returncode == 0, err.decode()
    assert not record.ephemeral, record.content
    assert [e["title"] for e in record.embeds] == ["BMW 1M Coupé (E82, 2011–2012)"]
    lines = dict(line.split(": ", 1) for line in out.decode().splitlines() if ": " in line)
    assert Path(lines["package"]).is_relative_to(site_packages), lines
    assert Path(lines["catalogue"]) == site_packages / "bot" / "catalogue", lines
