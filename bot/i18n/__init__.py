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

import logging
import re
import unicodedata
from functools import cache, lru_cache
from importlib.resources import files

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.resolver import Pattern
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


@cache
def bundle(lang: str) -> FluentBundle:
    text = files(__name__).joinpath(f"{lang}.ftl").read_text(encoding="utf-8")
    # No Unicode isolation marks: Discord shows them as stray characters in code spans.
    found = FluentBundle([lang], use_isolating=False)
    found.add_resource(FluentResource(text))
    return found


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
    text = files(__name__).joinpath(f"{lang}.ftl").read_text(encoding="utf-8")
    for entry in FluentResource(text).body:
        if not isinstance(entry, ast.Message) or not (found := _OPTION_KEY.match(entry.id.name)):
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
