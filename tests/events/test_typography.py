"""Typography of the programme and of the interface, in each language: non-breaking spaces where
French and Russian require them, one apostrophe in English, Russian and English date wordings
written one way. Checked over the fixtures and the compiled catalogues."""

import gettext
import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from events import search
from events.periods import parse_planned
from events.programme import read_fixture
from events.typography import NBSP, NNBSP, problems, typeset

LANGUAGES = ("fr", "ru", "en")


def fixture_texts():
    """(where, language, text) for every text of the fixture a reader sees."""
    data = read_fixture()
    for kind in ("themes", "territories", "partners"):
        for obj in data[kind]:
            key = obj.get("slug") or obj.get("key")
            for field in ("name", "description"):
                for lang, text in obj.get(field, {}).items():
                    yield f"{kind} {key} {field}", lang, text
    for project in data["projects"]:
        for field in ("title", "description", "planned", "editorial_note"):
            for lang, text in project.get(field, {}).items():
                yield f"project {project['ref']} {field}", lang, text


def catalogue_texts():
    """(msgid, language, msgstr) for every translation of the compiled catalogues."""
    for lang in LANGUAGES:
        path = Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" / "django.mo"
        with path.open("rb") as mo:
            catalogue = gettext.GNUTranslations(mo)._catalog
        for msgid, msgstr in catalogue.items():
            if msgid:  # the header
                yield str(msgid), lang, msgstr


def test_every_text_of_the_programme_follows_the_typography_of_its_language():
    faults = [
        f"{where} [{lang}] {fault}" for where, lang, text in fixture_texts() for fault in problems(text, lang)
    ]
    assert faults == []


def test_every_interface_string_follows_the_typography_of_its_language():
    faults = [
        f"{msgid!r} [{lang}] {fault}"
        for msgid, lang, text in catalogue_texts()
        for fault in problems(text, lang)
    ]
    assert faults == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Semestre 2 : décembre 2021", f"Semestre 2{NBSP}: décembre{NBSP}2021"),
        ("fr", "« Les Jardins d’Étretat »", f"«{NNBSP}Les Jardins d’Étretat{NNBSP}»"),
        ("fr", "le 19 mars 2021 ; oui ! non ?", f"le 19{NBSP}mars{NBSP}2021{NNBSP}; oui{NNBSP}! non{NNBSP}?"),
        ("fr", "à 10:30, https://example.org", "à 10:30, https://example.org"),
        ("ru", "А. И. Фефилова", f"А.{NBSP}И.{NBSP}Фефилова"),
        ("ru", "МГТУ им. Н. Э. Баумана", f"МГТУ им.{NBSP}Н.{NBSP}Э.{NBSP}Баумана"),
        ("ru", "гимназия № 171", f"гимназия №{NBSP}171"),
        ("ru", "Москва — столица", f"Москва{NBSP}— столица"),
        ("ru", "19 марта 2021 года, 20 км", f"19{NBSP}марта{NBSP}2021{NBSP}года, 20{NBSP}км"),
        ("ru", "России. В 2021 году", f"России. В 2021{NBSP}году"),
        ("en", "Nancy's public policies", "Nancy’s public policies"),
    ],
)
def test_typesetting_applies_the_rules_of_the_language_and_nothing_else(lang, text, expected):
    assert typeset(text, lang) == expected
    assert problems(expected, lang) == []


def test_a_fault_is_reported_with_its_place():
    assert problems("Formulation du programme : « x »", "fr") == [
        "space before a colon: …ion du programme : « x »…",
        "no non-breaking space after «: …du programme : « x »…",
        "no non-breaking space before »: …programme : « x »…",
    ]


def test_non_breaking_spaces_do_not_change_search_or_dates():
    assert (
        search.fold(f"Semestre 2{NBSP}: «{NNBSP}Nijni{NBSP}Novgorod{NNBSP}»") == "semestre 2 nijni novgorod"
    )
    assert parse_planned(f"Second semestre{NBSP}: du 9 au 19{NBSP}décembre{NBSP}2021") == parse_planned(
        "Second semestre : du 9 au 19 décembre 2021"
    )


MONTHS_RU = "январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь"


def test_russian_and_english_date_wordings_are_written_one_way():
    for project in read_fixture()["projects"]:
        for lang in ("ru", "en"):
            wording = project["planned"][lang]
            if not wording:
                continue
            where = f"project {project['ref']} [{lang}] {wording!r}"
            assert not wording[0].islower(), where  # a heading of its own: a capital or a digit
            assert not re.search(r"\d\s*-\s*\d|[^\W\d]-[^\W\d]", wording), where  # ranges take a dash
            if lang == "ru":
                # Between numbers an en dash, closed up; between words a spaced em dash.
                assert not re.search(r"\d\s+[–—]\s*\d|\d\s*—\s*\d", wording), where
                assert not re.search(rf"(?i)({MONTHS_RU})\s*–", wording), where


def test_english_content_uses_the_typographic_apostrophe_only():
    straight = [where for where, lang, text in fixture_texts() if lang == "en" and "'" in text]
    assert straight == []


def test_the_fixture_is_valid_json_in_its_layouts():
    directory = Path(settings.BASE_DIR) / "fixtures" / "programme"
    for path in [*directory.glob("*.json"), *directory.glob("projects/*.json")]:
        json.loads(path.read_text(encoding="utf-8"))
