"""A copy of bot/i18n with one catalogue edited, in place of the real files while a test
runs (the way a deploy with a changed translation looks to the bot)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

import pytest

import bot.i18n as i18n


@contextmanager
def edited_catalogue(folder: Path, lang: str, old: str, new: str) -> Iterator[Path]:
    """bot/i18n copied into `folder`, `old` replaced by `new` in `lang`.ftl, and read from
    there (every catalogue read afresh) until the block ends."""
    real = Path(str(files(i18n.__name__)))
    copy = folder / "i18n"
    shutil.copytree(real, copy, ignore=shutil.ignore_patterns("__pycache__"))
    path = copy / f"{lang}.ftl"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {lang}.ftl exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")
    i18n.unload()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(i18n, "files", lambda _package: copy)
            yield copy
    finally:
        i18n.unload()
