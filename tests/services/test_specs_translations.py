"""The catalogue's notes, colour notes and factories in German (data/specs/i18n/de.toml).

Every bundled car has a current translation of each; one made from older English, or
none, falls back to the English and is named by `python -m bot check`. The German keeps
the English's figures, writes them the German way and quotes „so“.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.check import _check_translations
from bot.i18n import DEFAULT, LANGUAGES
from bot.render.specs import NOTES_LIMIT
from bot.render.text import plain
from bot.services.specs.catalogue import default_catalogue_path, load_catalogue
from bot.services.specs.models import Car, Catalogue
from bot.services.specs.translations import (
    Translation,
    fingerprint,
    gaps,
    gearbox_needs_words,
    load_translation,
    orphans,
)
from tests.i18n.test_german_quotes import quote_problems

OTHER_LANGUAGES = [lang for lang in LANGUAGES if lang != DEFAULT]
# A figure as written in either language: "1,620" / "1.620", "3.09" / "3,09", "8,700".
FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
# English number habits a German note must not keep: "1,620 kg", "4.9 s", "3.09 kg".
ENGLISH_FIGURE = re.compile(
    r"(?<![\d:,.])\d{1,3},\d{3}(?![\d,])|\b\d+\.\d{1,2}\s?(?:s|kg|l|L|bar|mm)\b"
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    found = load_catalogue()
    assert found.errors == []
    return found


@pytest.fixture(scope="module")
def german(catalogue: Catalogue) -> Translation:
    return load_translation(catalogue.source, "de")


def one_m(catalogue: Catalogue) -> Car:
    car = catalogue.get("bmw-1m-e82")
    assert car is not None and car.notes and car.factory and any(c.note for c in car.colours)
    return car


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_bundled_car_has_current_translations(catalogue: Catalogue, lang: str) -> None:
    translation = load_translation(catalogue.source, lang)
    assert translation.file is not None, f"data/specs/i18n/{lang}.toml is missing"
    assert translation.errors == []
    found = [str(gap) for gap in gaps(catalogue.cars, translation)]
    assert found == [], (
        f"data/specs/i18n/{lang}.toml lacks or has stale translations (translate the English "
        "and set `of` to the fingerprint named):\n" + "\n".join(found)
    )
    assert orphans(catalogue.cars, translation) == []


def test_a_card_reads_german_where_current(catalogue: Catalogue, german: Translation) -> None:
    car = one_m(catalogue)
    shown = german.localise(car)
    assert shown.factory == "Leipzig, Deutschland"
    assert shown.notes == german.notes[car.id].text != car.notes
    # Colour names are the maker's; only their notes are translated.
    assert [c.name for c in shown.colours] == [c.name for c in car.colours]
    assert [c.note for c in shown.colours] != [c.note for c in car.colours]
    assert (shown.id, shown.power, shown.sources) == (car.id, car.power, car.sources)


def test_labels_and_gearboxes_read_german_where_bot_i18n_cannot_word_them(
    catalogue: Catalogue, german: Translation
) -> None:
    r34 = catalogue.get("nissan-skyline-gt-r-r34")
    m2 = catalogue.get("bmw-m2-f87")
    assert r34 is not None and m2 is not None
    assert german.localise(r34).gearboxes == ("6-Gang-Schaltgetriebe (Getrag)",)
    assert german.localise(m2).top_speed_optional_label == "mit M Driver's Package"
    # "6-speed manual" is worded by the message catalogue; only the English stays for it.
    assert german.localise(m2).gearboxes == m2.gearboxes
    assert [g for g in ("6-speed manual", "7-speed M DCT", "7-speed S tronic", "8-speed tiptronic")
            if gearbox_needs_words(g)] == []  # fmt: skip
    assert gearbox_needs_words("7-speed PDK (from 2021)")
    assert gearbox_needs_words("6-speed dual-clutch (GR6)")
    changed = Car(**{**_fields(r34), "gearboxes": ("6-speed manual (Getrag, dog-leg)",)})
    [gap] = gaps([changed], german)
    assert str(gap) == (
        "car 'nissan-skyline-gt-r-r34' gearboxes[0]: no [gearboxes] entry for "
        "'6-speed manual (Getrag, dog-leg)'"
    )


def test_a_stale_or_missing_translation_falls_back_to_english(
    catalogue: Catalogue, german: Translation
) -> None:
    car = one_m(catalogue)
    assert car.notes is not None
    changed = Car(**{**_fields(car), "notes": car.notes + " Corrected."})
    shown = german.localise(changed)
    assert shown.notes == changed.notes  # the German was made from the older English
    assert shown.factory == "Leipzig, Deutschland"  # the rest still translated
    [gap] = gaps([changed], german)
    assert gap.stale and gap.field == "notes"
    assert fingerprint(changed.notes) in str(gap)

    moved = Car(**{**_fields(car), "factory": "Regensburg, Bavaria, Germany"})
    assert german.localise(moved).factory == "Regensburg, Bavaria, Germany"
    assert [str(g) for g in gaps([moved], german)] == [
        "car 'bmw-1m-e82' factory: no [factories] entry for 'Regensburg, Bavaria, Germany'"
    ]
    assert Translation("de").localise(car) == car  # a language without a file: all English


def test_a_club_entry_may_stay_english(catalogue: Catalogue, german: Translation) -> None:
    club = Car(**{**_fields(one_m(catalogue)), "id": "club-ring-taxi", "club": True})
    assert gaps([club], german) == []
    assert german.localise(club).notes == club.notes  # no German for it: shown as written


def _fields(car: Car) -> dict[str, object]:
    return {name: getattr(car, name) for name in car.__dataclass_fields__}


def test_the_german_keeps_every_figure_writes_it_the_german_way_and_fits_the_card(
    catalogue: Catalogue, german: Translation
) -> None:
    wrong: list[str] = []
    for car in catalogue.cars:
        pairs = [(car.notes, german.note(car))] if car.notes else []
        pairs += [(c.note, german.colour_note(c.note)) for c in car.colours if c.note]
        for english, text in pairs:
            assert english is not None and text is not None
            figures = {f.replace(",", "").replace(".", "") for f in FIGURE.findall(english)}
            ours = {f.replace(",", "").replace(".", "") for f in FIGURE.findall(text)}
            if figures != ours:
                wrong.append(
                    f"{car.id}: only in English {figures - ours}, only in German {ours - figures}"
                )
            if found := ENGLISH_FIGURE.findall(text):
                wrong.append(f"{car.id}: English number style {found}")
            if problems := quote_problems(text):
                wrong.append(f"{car.id}: {problems}")
        shown = german.note(car)
        if shown is not None and len(plain(shown)) > NOTES_LIMIT:
            wrong.append(
                f"{car.id}: {len(plain(shown))} characters, the card cuts at {NOTES_LIMIT}"
            )
    assert wrong == []


def test_check_names_a_stale_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "specs"
    shutil.copytree(default_catalogue_path(), folder)
    path = folder / "bmw-1m.toml"
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r'(?m)^(notes = ".*)"$', r'\1 Corrected."', text, count=1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    failures: list[str] = []

    def report(ok: bool, label: str, detail: str) -> None:
        if not ok:
            failures.append(f"{label}: {detail}")

    _check_translations(report, load_catalogue(folder))
    [line] = failures
    assert line.startswith(
        "catalogue (de, i18n/de.toml): car 'bmw-1m-e82' notes: translated from older English"
    )
    assert 'of = "' in line


def test_a_broken_translation_file_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "de.toml").write_text('[notes.x]\nof = "1"\n[colours]\n', "utf-8")
    found = load_translation(tmp_path, "de")
    assert found.errors == [
        "de.toml: unknown table [colours]",
        "de.toml [notes.x]: needs exactly `of` (a fingerprint) and `text`",
    ]
    (tmp_path / "i18n" / "de.toml").write_text("[notes\n", "utf-8")
    assert load_translation(tmp_path, "de").errors[0].startswith("de.toml: ")
