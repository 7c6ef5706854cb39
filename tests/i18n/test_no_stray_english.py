"""No member-facing English outside the catalogues, in every module moved onto them.

A scan of the source: text handed to Discord (send, edit, followups, embeds and their
fields, select options, buttons, forms, the audit-log `reason=` of any call), and the
message of a domain error raised, must come from t(...) rather than a literal. A literal made only of figures, units, markup
and placeholders is fine ("**{main}** ({others})", "{n} km/h").

NOT_YET lists the modules still written in English, to be moved onto the catalogue and
struck off here; any module not on it, including every new one, is checked.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.i18n.test_catalogues import messages

ROOT = Path(__file__).resolve().parents[2]

# Still English: moved onto the catalogue piece by piece, then removed from this list.
NOT_YET: tuple[str, ...] = ()

# Calls whose arguments Discord shows.
SHOWN = {
    "send_message", "send", "edit_message", "edit", "edit_original_response", "followup",
    "reply_ephemeral", "add_field", "set_footer", "set_author", "insert_field_at",
    "set_field_at", "Embed", "SelectOption", "Button", "Select", "Modal", "TextInput",
}  # fmt: skip
ERRORS = {"PaddockError", "InvalidInput", "NotFound", "Forbidden", "Conflict"}
INTERNAL = {
    "custom_id",
    "url",
    "emoji",
    "style",
    "nonce",
    "filename",
}  # keywords Discord never shows as text
SHOWN_ATTRIBUTES = {"title", "description", "content", "label", "placeholder"}
# `reason=` is what a server's admins read in the audit log, on any call that takes it,
# except in these: app_commands.describe(reason=…) names an option, translated with the
# slash commands (bot/i18n/commands.py).
NOT_AUDIT = {"describe", "rename"}
# Words that are the same in every language: units, and the product's own name.
SAME_EVERYWHERE = {"Paddock", "mph", "rpm", "vs"}
WORD = re.compile(r"[^\W\d_]{3,}")


def checked_modules() -> list[Path]:
    modules = sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "cogs").rglob("*.py")])
    return [p for p in modules if not p.relative_to(ROOT).as_posix().startswith(NOT_YET)]


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _literals(node: ast.AST, keys: set[str]) -> list[str]:
    """The English words in string literals under `node`, leaving out t(...) calls."""
    if isinstance(node, ast.Call) and _name(node.func) == "t":
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if node.value in keys:
            return []
        words = [w for w in WORD.findall(node.value) if w not in SAME_EVERYWHERE]
        return [node.value] if words else []
    children: list[ast.AST] = list(ast.iter_child_nodes(node))
    if isinstance(node, ast.Call):  # e.g. discord.File(..., filename="attendance.png")
        children = [node.func, *node.args]
        children += [k.value for k in node.keywords if k.arg not in INTERNAL]
    found: list[str] = []
    for child in children:
        found += _literals(child, keys)
    return found


def stray_english(source: str, keys: set[str]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        shown: list[ast.AST] = []
        if isinstance(node, ast.Call) and _name(node.func) in SHOWN:
            shown = [*node.args, *(k.value for k in node.keywords if k.arg not in INTERNAL)]
        elif isinstance(node, ast.Call) and _name(node.func) not in NOT_AUDIT:
            shown = [k.value for k in node.keywords if k.arg == "reason"]
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            if _name(node.exc.func) in ERRORS:
                shown = list(node.exc.args)
        elif isinstance(node, ast.Assign):
            targets = [t for t in node.targets if isinstance(t, ast.Attribute)]
            if any(t.attr in SHOWN_ATTRIBUTES for t in targets):
                shown = [node.value]
        for part in shown:
            found += [(node.lineno, text) for text in _literals(part, keys)]
    return found


@pytest.mark.parametrize("path", checked_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_converted_modules_send_no_literal_english(path: Path) -> None:
    stray = stray_english(path.read_text(encoding="utf-8"), set(messages("en")))
    assert stray == [], (
        f"{path.relative_to(ROOT)} shows English that is not in the catalogue: {stray}. "
        "Add a key to bot/i18n/en.ftl and de.ftl and use t(lang, key)."
    )


def test_the_guard_sees_english_in_each_kind_of_place() -> None:
    source = """
async def f(interaction, embed, lang):
    await interaction.response.send_message("Done, see you there.", ephemeral=True)
    await interaction.followup.send(content=f"Saved {n} cars")
    embed.add_field(name="Power", value=t(lang, "spec-power"))
    embed.description = "Nothing here yet"
    raise InvalidInput("Pick a date")
    await member.add_roles(role, reason="Paddock: verified car owner")
    await channel.create_thread(name=t(lang, "x"), reason=t(lang, "spec-power"))

@app_commands.describe(reason="Why, for the audit log")
async def g(): ...
"""
    found = {text for _, text in stray_english(source, {"spec-power"})}
    assert found == {
        "Done, see you there.", "Saved ", " cars", "Power", "Nothing here yet", "Pick a date",
        "Paddock: verified car owner",
    }  # fmt: skip


def test_the_guard_lets_figures_keys_and_markup_through() -> None:
    source = """
def f(embed, lang, main, others, kmh):
    embed.add_field(name=t(lang, "spec-power"), value=f"**{main}** ({others})")
    embed.set_footer(text=f"{kmh} km/h · {kmh} mph")
    embed.add_field(name="0–100 km/h", value="-")
"""
    assert stray_english(source, {"spec-power"}) == []


def test_the_not_yet_list_names_only_modules_that_exist() -> None:
    gone = [entry for entry in NOT_YET if not (ROOT / entry.rstrip("/")).exists()]
    assert gone == [], "strike these off NOT_YET"
