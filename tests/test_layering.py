"""The layers stay layers: Discord → cog → service → database, never the other way.

Read from the source (imports and string constants), so a shortcut fails here
the day it is written rather than the day someone tries to reuse a service.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Everything below bot/ that is not Discord-facing.
DISCORD_FREE = ["bot/services", "bot/db", "bot/config.py", "bot/clock.py", "bot/errors.py"]
# Statements as this codebase writes them: upper-case keywords with their usual partner.
SQL = re.compile(
    r"^\s*(SELECT\b.*\bFROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM|"
    r"(CREATE|ALTER|DROP) (TABLE|INDEX|TRIGGER)|PRAGMA \w+)\b",
    re.DOTALL,
)


def _modules(*paths: str) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = ROOT / name
        found.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return found


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", _modules(*DISCORD_FREE), ids=_rel)
def test_services_and_storage_never_import_discord_ui_or_cogs(path: Path) -> None:
    bad = [
        name
        for name in _imports(path)
        if name.split(".")[0] in ("discord", "cogs") or name.startswith("bot.ui")
    ]
    assert bad == [], f"{_rel(path)} imports {bad}"


@pytest.mark.parametrize("path", _modules("cogs", "bot/ui"), ids=_rel)
def test_cogs_and_ui_write_no_sql(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    sql = [
        node.value[:40]
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value)
    ]
    assert sql == [], f"{_rel(path)} has SQL; it belongs in a service: {sql}"


def test_the_checks_see_the_code() -> None:
    # Guards the guards: a path typo would otherwise make the tests above pass on nothing.
    assert len(_modules(*DISCORD_FREE)) >= 15
    assert len(_modules("cogs", "bot/ui")) >= 15
    assert "discord" in set(_imports(ROOT / "cogs" / "meets.py"))
    assert SQL.match("SELECT m.* FROM meets m WHERE m.id = ?")
    assert SQL.match("UPDATE meets SET title = ?")
    assert not SQL.match("Create the scheduled event")
