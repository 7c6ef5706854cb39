"""German quotes the German way: „außen“ and ‚innen‘, never “English” or 'straight' ones.

In German “ (U+201C) closes a quote that „ opened, and ‘ (U+2018) closes one ‚ opened;
” (U+201D) is not used at all. A quote mark typed as " or ' at the start of a word is an
English habit too. Read from the catalogue's text (what a member sees), so Fluent's own
string literals ({" "}) and placeholders don't count.
"""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
from fluent.syntax import FluentParser
from fluent.syntax import ast as fl
from fluent.syntax.visitor import Visitor

PAIRS = {"„": "“", "‚": "‘"}
CLOSING = {v: k for k, v in PAIRS.items()}
NEVER = "”«»"  # English closing double quote; guillemets are Swiss, not this catalogue's
STRAIGHT = re.compile(r"""(?:^|[\s(\[/])["'](?=[^\W\d_]|\d|\uFFFC)""")


class _Text(Visitor):
    """The text a pattern shows, a placeable as U+FFFC."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def visit_TextElement(self, node: fl.TextElement) -> None:
        self.parts.append(node.value)

    def visit_Placeable(self, node: fl.Placeable) -> None:
        if isinstance(node.expression, fl.SelectExpression):
            self.generic_visit(node)
        else:
            self.parts.append("\ufffc")


def shown_texts(lang: str) -> dict[str, str]:
    source = files("bot.i18n").joinpath(f"{lang}.ftl").read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for entry in FluentParser().parse(source).body:
        if not isinstance(entry, fl.Message):
            continue
        patterns = [(entry.id.name, entry.value)] + [
            (f"{entry.id.name}.{a.id.name}", a.value) for a in entry.attributes
        ]
        for key, pattern in patterns:
            if pattern is not None:
                text = _Text()
                text.visit(pattern)
                found[key] = "".join(text.parts)
    return found


def quote_problems(text: str) -> list[str]:
    problems = [f"{c!r} is not a German quote" for c in NEVER if c in text]
    if STRAIGHT.search(text):
        problems.append("a straight quote opens a quotation")
    open_: list[str] = []
    for c in text:
        if c in PAIRS:
            open_.append(c)
        elif c in CLOSING:
            if not open_ or open_[-1] != CLOSING[c]:
                problems.append(f"{c!r} opens or closes nothing here: German opens with „ or ‚")
                break
            open_.pop()
    if open_:
        problems.append(f"{open_[-1]!r} is never closed")
    return problems


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Drück „Ich komme“.", True),
        ("Sie sagte: „Er nennt ihn ‚Oompa‘.“", True),
        ("Dein Auto “Oompa”", False),
        ("Kein Auto heißt '\ufffc' hier", False),
        ('Kein Auto heißt "Oompa"', False),
        ("„offen", False),
        ("geht's los", True),
        ("‚Oompa“", False),
    ],
)
def test_the_check_knows_german_quotes(text: str, ok: bool) -> None:
    assert (quote_problems(text) == []) is ok


def test_no_german_message_uses_english_quotes() -> None:
    bad = {key: p for key, text in shown_texts("de").items() if (p := quote_problems(text))}
    assert bad == {}, "quote German text „so“ (inner ‚so‘)"


def test_the_check_reads_the_german_catalogue() -> None:
    texts = shown_texts("de")
    assert texts["quoted"] == "„\ufffc“"
    assert len(texts) > 500
