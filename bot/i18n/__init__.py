"""Paddock's words in every language it speaks.

Each language is one Fluent file beside this module (`en.ftl`, `de.ftl`), listed in
LANGUAGES. Code asks for a message by key, `t("de", "specs-power")`, or for one of a
message's attributes, `t("de", "cmd-specs.description")`, with named arguments
(`t("de", "cars", count=92)` → "92 Autos"). A key a language lacks falls back to
English, so a half-translated language still works; tests/test_i18n.py keeps the
catalogues complete.

Who reads what: a reply only the member sees is in their client language
(`interaction.locale`), a public post in the server's language (`/config language`).
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import re
import unicodedata
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

import babel.plural
from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.builtins import BUILTINS
from fluent.runtime.prepare import Compiler
from fluent.runtime.resolver import Message, Pattern
from fluent.syntax import ast

log = logging.getLogger("paddock.i18n")

DEFAULT = "en"
# Code → the language's own name, as /config language offers it. Adding a language is
# adding its file here and one line below (see the README, "Translating Paddock").
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch"}


_NOT_AN_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A Fluent identifier made of `text`, for keys and selector variants:
    'meets-channel' stays, 'Alpine White' is 'alpine-white', 'coupé' is 'coupe'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_AN_ID.sub("-", plain.lower()).strip("-") or "x"


def language_of(locale: object) -> str:
    """The language Paddock speaks for a Discord locale ('de', 'en-US', Locale.german),
    or English when it has no catalogue for that one."""
    value = str(getattr(locale, "value", locale) or "")
    code = value.split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT


def source(lang: str) -> str:
    """The text of a language's catalogue file."""
    return files(__name__).joinpath(f"{lang}.ftl").read_text(encoding="utf-8")


# Where an entry (a message `key = …` or a term `-key = …`) begins: at the start of a line.
# Everything up to the next entry or comment line belongs to it (its indented lines, and a
# select expression's closing brace, which may sit at the start of a line).
_ENTRY = re.compile(r"^(-?[a-zA-Z][a-zA-Z0-9_-]*)[ \t]*=", re.MULTILINE)
_COMMENT = re.compile(r"^#", re.MULTILINE)


def entry_sources(text: str) -> dict[str, str]:
    """Each entry's own source text by id (terms keep their leading "-"), first one wins,
    as in FluentBundle."""
    starts = [(m.start(), m.group(1)) for m in _ENTRY.finditer(text)]
    ends = sorted([s for s, _ in starts] + [m.start() for m in _COMMENT.finditer(text)])
    ends.append(len(text))
    found: dict[str, str] = {}
    for start, name in starts:
        # It runs to the next entry or comment line after it, or to the end of the file.
        end = ends[bisect.bisect_right(ends, start)]
        found.setdefault(name, text[start:end])
    return found


class Catalogue(FluentBundle):
    """One language's messages, as FluentBundle formats them, parsed an entry at a time
    when first asked for.

    Parsing a whole catalogue up front kept every message's syntax tree for good
    (~1.2 MiB for English, ~1.5 MiB for German) though a bot uses a few dozen of them
    between restarts; and FluentBundle's constructor reads the language's plural rule,
    which loads all of Babel's data for the language and Babel's global data (~4 MiB),
    before any message needs a plural or a number. Here both wait for their first use.
    """

    def __init__(self, lang: str, text: str) -> None:
        # FluentBundle.__init__ minus the plural rule, which __getattr__ reads when a
        # message first selects on a number. No Unicode isolation marks: Discord shows
        # them as stray characters in code spans.
        self.locales = [lang]
        self._functions = dict(BUILTINS)
        self.use_isolating = False
        self._messages: dict[str, ast.Message | ast.Term] = {}
        self._terms: dict[str, ast.Message | ast.Term] = {}
        self._compiled: dict[str, Message] = {}
        self._compiler = Compiler()
        self._babel_locale = self._get_babel_locale()
        # An entry's source until it is parsed, then None.
        self._sources: dict[str, str | None] = dict(entry_sources(text))

    def __getattr__(self, name: str) -> Any:
        if name != "_plural_form":
            raise AttributeError(name)
        # Babel's rule gives the category names FluentBundle's annotation spells out.
        rule: Any = babel.plural.to_python(self._babel_locale.plural_form)
        self._plural_form = rule
        return rule

    def ids(self) -> list[str]:
        """Every message's id (not the terms'), in file order."""
        return [name for name in self._sources if not name.startswith("-")]

    def _parse(self, name: str) -> None:
        text = self._sources.get(name)
        if text is not None:
            # Added before it is marked parsed, so a thread asking at the same time parses
            # it too (add_resource keeps the first) rather than finding nothing.
            self.add_resource(FluentResource(text))
            self._sources[name] = None

    def has_message(self, message_id: str) -> bool:
        self._parse(message_id)
        return super().has_message(message_id)

    def _lookup(self, entry_id: str, term: bool = False) -> Message:
        self._parse("-" + entry_id if term else entry_id)
        return super()._lookup(entry_id, term)


@cache
def bundle(lang: str) -> Catalogue:
    return Catalogue(lang, source(lang))


def unload() -> None:
    """Forget every catalogue read so far (each is read again on first use): after a
    command sync, which reads every language's command strings once."""
    bundle.cache_clear()
    _format.cache_clear()
    _option_names.cache_clear()


def translations_fingerprint() -> str:
    """A digest of everything a slash command's translations come from: every catalogue
    and the code that finds a command string's key (bot/i18n/commands.py, slug()
    above). The command sync compares it instead of building every language's messages."""
    digest = hashlib.sha256()
    for name in [*(f"{lang}.ftl" for lang in sorted(LANGUAGES)), "commands.py", "__init__.py"]:
        digest.update(name.encode() + b"\0")
        digest.update(files(__name__).joinpath(name).read_bytes() + b"\0")
    return digest.hexdigest()


def _pattern(lang: str, key: str) -> Pattern | None:
    message_id, _, attribute = key.partition(".")
    messages = bundle(lang)
    if not messages.has_message(message_id):
        return None
    message = messages.get_message(message_id)
    if attribute:
        return message.attributes.get(attribute)
    return message.value


_OPTION_KEY = re.compile(r"^cmd-[a-z0-9-]+-opt-([a-z0-9-]+)$")


@cache
def _option_names(lang: str) -> dict[str, str]:
    """English option slug → its name in `lang`, from the slash-command keys
    (cmd-…-opt-<option>.name). Options of the same English name share one name."""
    names: dict[str, str] = {}
    for key, text in entry_sources(source(lang)).items():
        if not (found := _OPTION_KEY.match(key)):
            continue
        for entry in FluentResource(text).body:
            if not isinstance(entry, ast.Message):
                continue
            for attribute in entry.attributes:
                elements = attribute.value.elements
                if attribute.id.name == "name" and len(elements) == 1:
                    element = elements[0]
                    if isinstance(element, ast.TextElement):
                        names.setdefault(found.group(1), element.value)
    return names


def option_name(lang: str, option: str) -> str:
    """How a member whose Discord speaks `lang` sees the slash-command option `option`
    ('title' is `titel` in German), for errors that name it; as given when untranslated."""
    if lang not in LANGUAGES or lang == DEFAULT:
        return option
    return _option_names(lang).get(slug(option), option)


def has(lang: str, key: str) -> bool:
    return _pattern(lang, key) is not None


def t(lang: str, key: str, /, **args: str | int | float) -> str:
    """The message `key` in `lang`, English when that language lacks it."""
    return _format(lang, key, tuple(sorted(args.items())))


# Cards repeat the same few words and figures thousands of times (a compare of every
# pair of cars, a busy counter), and Fluent formats each number through Babel.
@lru_cache(maxsize=8192)
def _format(lang: str, key: str, args: tuple[tuple[str, str | int | float], ...]) -> str:
    for candidate in (lang if lang in LANGUAGES else DEFAULT, DEFAULT):
        pattern = _pattern(candidate, key)
        if pattern is not None:
            text, errors = bundle(candidate).format_pattern(pattern, dict(args))
            for error in errors:
                log.warning("message %s in %s: %s", key, candidate, error)
            return str(text)
    log.error("no message %r in any catalogue", key)
    return key
