"""The layers stay layers: Discord → cog → flow → service → database, and back up as
dataclasses that render turns into what Discord shows.

- services, storage and settings never import discord, render, flows or cogs;
- render never reaches a service, the database, a flow or a cog (it may read the
  services' dataclasses and errors);
- cogs, flows and render hold no SQL;
- nothing under bot/ imports a cog, and no module imports a bot.ui that no longer exists.

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
DISCORD_FREE = [
    "bot/services",
    "bot/db",
    "bot/config.py",
    "bot/clock.py",
    "bot/errors.py",
]
DISCORD_FACING = ["cogs", "bot/flows", "bot/render", "bot/pacing.py", "bot/app.py"]
# Statements as this codebase writes them: upper-case keywords with their usual partner.
SQL = re.compile(
    r"^\s*(SELECT\b.*\bFROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM|"
    r"(CREATE|ALTER|DROP) (TABLE|INDEX|TRIGGER)|PRAGMA \w+)\b",
    re.DOTALL,
)
# What render may take from the service layer: its data (models, errors, pure helpers).
SERVICE_CLASSES = re.compile(r"\w+Service$|^Services$|^Database$")


def _modules(*paths: str) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = ROOT / name
        found.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return found


def _runtime_imports(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(module, imported names) for each import that runs; `if TYPE_CHECKING:` blocks are
    for the type checker only and are skipped."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            yield module, [alias.name for alias in node.names]


def _imports(path: Path) -> Iterator[str]:
    for module, _ in _runtime_imports(path):
        yield module


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _under(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("path", _modules(*DISCORD_FREE), ids=_rel)
def test_services_and_storage_never_import_discord_render_flows_or_cogs(path: Path) -> None:
    bad = [
        name
        for name in _imports(path)
        if _under(name, "discord", "cogs", "bot.render", "bot.flows", "bot.pacing", "bot.app")
    ]
    assert bad == [], f"{_rel(path)} imports {bad}"


@pytest.mark.parametrize("path", _modules("bot/services"), ids=_rel)
def test_services_see_the_database_interface_not_a_driver(path: Path) -> None:
    # Services are written against bot.db's Database/Tx, so another backend can stand
    # behind them: no sqlite3, no driver, no SQLite implementation module.
    bad = [
        m for m in _imports(path) if _under(m, "sqlite3", "aiosqlite", "asyncpg", "bot.db.database")
    ]
    assert bad == [], f"{_rel(path)} imports {bad}; use bot.db's Database and Tx"


@pytest.mark.parametrize("path", _modules("bot/web"), ids=_rel)
def test_web_never_imports_discord_flows_or_cogs(path: Path) -> None:
    # The web side reads services and draws with render (the chart); it never reaches
    # Discord, and it writes nothing (no Tx, no flows that post).
    bad = [
        name
        for name in _imports(path)
        if _under(name, "discord", "cogs", "bot.flows", "bot.pacing", "bot.app", "bot.db")
    ]
    assert bad == [], f"{_rel(path)} imports {bad}"


@pytest.mark.parametrize("path", _modules("bot/render"), ids=_rel)
def test_render_never_calls_services_the_database_or_flows(path: Path) -> None:
    bad = []
    for module, names in _runtime_imports(path):
        if _under(module, "bot.db", "bot.flows", "bot.app", "bot.pacing", "cogs", "aiosqlite"):
            bad.append(module)
        elif _under(module, "bot.services"):
            bad += [f"{module}.{n}" for n in names if SERVICE_CLASSES.search(n)]
            if module.split(".")[-1] in ("service", "counter", "container", "reminders"):
                bad.append(module)
    assert bad == [], f"{_rel(path)} reaches into {bad}; render takes data, never fetches it"


@pytest.mark.parametrize("path", _modules("bot"), ids=_rel)
def test_nothing_in_bot_imports_cogs_or_the_old_ui(path: Path) -> None:
    bad = [name for name in _imports(path) if _under(name, "cogs", "bot.ui")]
    if _rel(path) == "bot/app.py":
        bad = [n for n in bad if n != "cogs"]  # it loads them, by package, as extensions
    assert bad == [], f"{_rel(path)} imports {bad}"


@pytest.mark.parametrize("path", _modules(*DISCORD_FACING), ids=_rel)
def test_cogs_flows_and_render_write_no_sql(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    sql = [
        node.value[:40]
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value)
    ]
    assert sql == [], f"{_rel(path)} has SQL; it belongs in a service: {sql}"


@pytest.mark.parametrize("path", _modules("cogs", "bot/flows"), ids=_rel)
def test_cogs_and_flows_never_touch_the_database_directly(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    bad = [m for m in _imports(path) if _under(m, "bot.db", "aiosqlite", "sqlite3")]
    bad += re.findall(r"\bbot\.db\b", source)
    assert bad == [], f"{_rel(path)} uses the database directly: {bad}; call a service"


def _import_graph() -> dict[str, set[str]]:
    modules = {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
        for p in _modules("bot", "cogs")
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = set()
        for module, names in _runtime_imports(path):
            for target in (module, *(f"{module}.{n}" for n in names)):
                if target in modules and target != name:
                    edges.add(target)
        graph[name] = edges
    return graph


def test_no_import_cycles_between_modules() -> None:
    graph = _import_graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :]
                # A package's __init__ importing its own submodules is not a cycle of layers.
                if not all(m.startswith(cycle[0] + ".") or m == cycle[0] for m in cycle[1:]):
                    cycles.append([*cycle, nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == [], f"import cycles: {cycles}"


def test_the_checks_see_the_code() -> None:
    # Guards the guards: a path typo would otherwise make the tests above pass on nothing.
    assert len(_modules(*DISCORD_FREE)) >= 15
    assert len(_modules("bot/render")) >= 8
    assert len(_modules("cogs", "bot/flows")) >= 12
    assert "discord" in set(_imports(ROOT / "cogs" / "meets.py"))
    assert "bot.flows.meets.actions" in set(
        _imports(ROOT / "bot" / "flows" / "meets" / "presses.py")
    )
    graph = _import_graph()
    assert "bot.render.meets" in graph["bot.flows.meets.actions"]
    assert SQL.match("SELECT m.* FROM meets m WHERE m.id = ?")
    assert SQL.match("UPDATE meets SET title = ?")
    assert not SQL.match("Create the scheduled event")
    assert SERVICE_CLASSES.search("MeetService") and not SERVICE_CLASSES.search("Meet")


@pytest.mark.parametrize("path", _modules("bot", "cogs"), ids=_rel)
def test_services_are_built_only_in_the_composition_root(path: Path) -> None:
    # bot/app.py builds Services once (bot/services/container.py); everyone else is handed
    # them, so a cog or a service constructing its own would silently split the wiring.
    if _rel(path) == "bot/services/container.py":
        return
    built = [
        node.func.id
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and SERVICE_CLASSES.search(node.func.id)
        and node.func.id != "Database"
    ]
    assert built == [], f"{_rel(path)} builds {built}; take it from bot.services instead"
