"""A catalogue parsed an entry at a time says exactly what the whole file parsed at once
says, and the command sync's digest moves when a command's translation does."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from discord import Locale
from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast

from bot.app import PaddockBot
from bot.config import load_settings
from bot.i18n import LANGUAGES, Catalogue, entry_sources, source, t, translations_fingerprint
from tests.i18n.edited import edited_catalogue

GERMAN = Locale.german.value


def whole_file(lang: str) -> tuple[FluentBundle, ast.Resource]:
    resource = FluentResource(source(lang))
    bundle = FluentBundle([lang], use_isolating=False)
    bundle.add_resource(resource)
    return bundle, resource


class _Variables:
    """Every variable a pattern names (so each can be given a value)."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit(self, node: object) -> None:
        if isinstance(node, ast.VariableReference):
            self.names.add(node.id.name)
        if isinstance(node, ast.BaseNode):
            for value in vars(node).values():
                for child in value if isinstance(value, list) else [value]:
                    self.visit(child)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_entry_is_found_on_its_own(lang: str) -> None:
    _, resource = whole_file(lang)
    ids = [
        ("-" if isinstance(e, ast.Term) else "") + e.id.name
        for e in resource.body
        if isinstance(e, ast.Message | ast.Term)
    ]
    assert list(entry_sources(source(lang))) == ids


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_message_formats_as_the_whole_file_parsed_at_once(lang: str) -> None:
    whole, resource = whole_file(lang)
    lazy = Catalogue(lang, source(lang))
    compared = 0
    for entry in resource.body:
        if not isinstance(entry, ast.Message):
            continue
        variables = _Variables()
        variables.visit(entry)
        assert lazy.has_message(entry.id.name)
        expected, got = whole.get_message(entry.id.name), lazy.get_message(entry.id.name)
        patterns = [(expected.value, got.value)] + [
            (expected.attributes[a], got.attributes[a]) for a in expected.attributes
        ]
        # Numbers pick plural variants (Babel's rule, read lazily here), text fills the rest.
        for value in (1, 2, 1495, "Nürburgring"):
            args: dict[str, str | int] = dict.fromkeys(variables.names, value)
            for want, have in patterns:
                if want is None:
                    assert have is None
                    continue
                text, errors = whole.format_pattern(want, args)
                lazy_text, lazy_errors = lazy.format_pattern(have, args)
                assert (lazy_text, [str(e) for e in lazy_errors]) == (
                    text,
                    [str(e) for e in errors],
                ), f"{lang}: {entry.id.name} with {value!r}"
                compared += 1
    assert compared > 400
    assert not lazy.has_message("no-such-message")


def test_german_plurals_follow_the_count() -> None:
    assert t("de", "about-rsvps", count=1) == "1 Zusage"
    assert t("de", "about-rsvps", count=1495) == "1.495 Zusagen"


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[PaddockBot]:
    paddock = PaddockBot(
        load_settings(_env_file=None, PADDOCK_DATABASE=tmp_path / "s.db"), sync_on_start=False
    )
    async with paddock:
        await paddock.setup_hook()
        yield paddock


async def test_the_sync_digest_moves_with_a_commands_german_text(
    bot: PaddockBot, tmp_path: Path
) -> None:
    before = bot.command_digest(None)
    assert bot.command_digest(None) == before  # nothing changed, nothing to sync
    with edited_catalogue(tmp_path, "de", "    .name = daten\n", "    .name = fahrzeugdaten\n"):
        assert translations_fingerprint() != before
        after = bot.command_digest(None)
        # What the sync then uploads carries the new text.
        specs = {c["name"]: c for c in await bot.command_payload(None)}["specs"]
        assert specs["name_localizations"][GERMAN] == "fahrzeugdaten"
    assert after != before
    assert bot.command_digest(None) == before


async def test_the_sync_digest_moves_with_a_commands_english_text(bot: PaddockBot) -> None:
    before = bot.command_digest(None)
    bot.tree.get_command("specs").description = "Something else"  # type: ignore[union-attr]
    assert bot.command_digest(None) != before
