"""The message catalogues are complete and nothing in them is dead.

- every language listed in bot.i18n.LANGUAGES has a file that parses cleanly;
- every language has exactly English's message keys, with the same placeholders;
- every key the code asks for with t(lang, "key") exists, and every key in the
  catalogues is named somewhere in the code (a key only built at run time from parts
  would be invisible here, so the code spells each key out).
Slash-command keys (cmd-*, choice-*) are checked against the live tree in test_commands.
"""

from __future__ import annotations

import ast
from functools import cache
from importlib.resources import files
from pathlib import Path

import pytest
from fluent.syntax import FluentParser
from fluent.syntax import ast as fl
from fluent.syntax.visitor import Visitor

from bot.i18n import LANGUAGES, has, t

ROOT = Path(__file__).resolve().parents[2]
COMMAND_KEYS = ("cmd-", "choice-")


class _Placeholders(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: fl.VariableReference) -> None:
        self.names.add(node.id.name)


def _placeholders(pattern: fl.Pattern | None) -> frozenset[str]:
    found = _Placeholders()
    if pattern is not None:
        found.visit(pattern)
    return frozenset(found.names)


def catalogue(lang: str) -> dict[str, frozenset[str]]:
    """key → its placeholders, for every message and attribute in `lang`'s file."""
    return dict(_parsed_catalogue(lang))


# Parsed once per process: the stray-English scan asks for English's keys once per module.
@cache
def _parsed_catalogue(lang: str) -> dict[str, frozenset[str]]:
    text = files("bot.i18n").joinpath(f"{lang}.ftl").read_text(encoding="utf-8")
    resource = FluentParser().parse(text)
    junk = [entry.content for entry in resource.body if isinstance(entry, fl.Junk)]
    assert not junk, f"{lang}.ftl does not parse: {junk}"
    keys: dict[str, frozenset[str]] = {}
    for entry in resource.body:
        if isinstance(entry, fl.Message):
            if entry.value is not None:
                keys[entry.id.name] = _placeholders(entry.value)
            for attribute in entry.attributes:
                keys[f"{entry.id.name}.{attribute.id.name}"] = _placeholders(attribute.value)
    return keys


def messages(lang: str) -> dict[str, frozenset[str]]:
    return {k: v for k, v in catalogue(lang).items() if not k.startswith(COMMAND_KEYS)}


def _sources() -> list[Path]:
    return sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "cogs").rglob("*.py")])


def code_literals() -> set[str]:
    found: set[str] = set()
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def asked_for() -> dict[str, str]:
    """Key → where, for every t(lang, "literal key") call and key="literal" in the code."""
    found: dict[str, str] = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                found[node.args[1].value] = f"{path.relative_to(ROOT)}:{node.lineno}"
            # Domain errors name their message: Conflict(key="error-counter-stopped").
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if (
                        keyword.arg == "key"
                        and isinstance(keyword.value, ast.Constant)
                        and isinstance(keyword.value.value, str)
                    ):
                        found[keyword.value.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_language_has_a_catalogue_that_parses(lang: str) -> None:
    assert catalogue(lang), f"bot/i18n/{lang}.ftl is empty"


@pytest.mark.parametrize("lang", sorted(set(LANGUAGES) - {"en"}))
def test_every_language_has_englishs_keys_with_the_same_placeholders(lang: str) -> None:
    english, other = messages("en"), messages(lang)
    assert sorted(set(english) - set(other)) == [], f"missing from {lang}.ftl"
    assert sorted(set(other) - set(english)) == [], f"in {lang}.ftl but not in en.ftl"
    differ = {k: (english[k], other[k]) for k in english if english[k] != other[k]}
    assert differ == {}, f"placeholders differ (en, {lang})"


def test_every_key_the_code_asks_for_exists() -> None:
    english = messages("en")
    missing = {key: where for key, where in asked_for().items() if key not in english}
    assert missing == {}, "add these keys to bot/i18n/en.ftl and every other catalogue"


def test_no_catalogue_holds_unused_keys() -> None:
    literals = code_literals()
    unused = sorted(key for key in messages("en") if key not in literals)
    assert unused == [], "keys no code names; remove them from every catalogue"


def test_plural_forms_follow_the_language() -> None:
    assert t("en", "about-check-ins", count=1) == "1 check-in"
    assert t("en", "about-check-ins", count=1495) == "1,495 check-ins"
    assert t("de", "about-check-ins", count=1495) == "1.495 Check-ins"
    has = {"make": "BMW", "lower": "bmw"}
    assert (
        t("de", "pick-make-has", count=1, **has) == "Er hat 1 Auto von BMW: versuch `/daten bmw`."
    )
    assert t("de", "pick-make-has", count=92, **has).startswith("Er hat 92 Autos von BMW")
    assert t("en", "pick-make-has", count=1, **has).startswith("It has 1 BMW car:")


def test_an_unknown_language_or_key_falls_back_to_english() -> None:
    assert t("sv", "settings-title") == "Paddock settings"
    assert t("de", "settings-title") == "Paddock-Einstellungen"
    assert has("en", "settings-title") and not has("en", "no-such-key")
    assert t("de", "no-such-key") == "no-such-key"
