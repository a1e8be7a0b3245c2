"""The portal's typeface: one PT Sans file per weight (scripts/build_fonts.py) for every page and the
booklets, covering every character the programme and the interface use."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from fontTools.ttLib import TTFont

BASE = Path(settings.BASE_DIR)
FONTS = ["vendor/pt-sans/pt-sans-400.woff2", "vendor/pt-sans/pt-sans-700.woff2"]
# PT Sans has no arrows: the "→" of the catalogues (an edit's old and new value, in the admin's
# history) is drawn by the next font of the list, like those of the calendar's year links.
NOT_IN_PT_SANS = {"→"}


def strings_of(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)


def msgstrs(po_file: Path):
    """The translations of a gettext catalogue (msgstr and msgstr[n], continuation lines included)."""
    current = None
    for line in po_file.read_text().splitlines():
        if line.startswith("msgstr"):
            current = [json.loads(line.split(" ", 1)[1])]
            yield current
        elif line.startswith('"') and current is not None:
            current.append(json.loads(line))
        else:
            current = None


def used_characters():
    characters = set()
    for path in (BASE / "fixtures" / "programme").rglob("*.json"):
        characters.update(*strings_of(json.loads(path.read_text())))
    for po_file in (BASE / "locale").glob("*/LC_MESSAGES/django.po"):
        for parts in msgstrs(po_file):
            characters.update("".join(parts))
    return {c for c in characters if c.isprintable() or c.isspace()} - {"\n", "\t"}


@pytest.mark.parametrize("font", FONTS)
def test_the_font_draws_every_character_of_the_programme_and_the_interface(font):
    cmap = TTFont(BASE / "static" / font).getBestCmap()
    missing = {c for c in used_characters() if ord(c) not in cmap}
    assert missing == NOT_IN_PT_SANS
    assert {ord(c) for c in "Ё€"} <= cmap.keys()  # not in the texts yet, but a new one may bring them


def test_the_characters_checked_include_both_scripts_and_the_typography_of_each_language():
    used = used_characters()
    for character in "aéœÀЖжё«»\u00a0\u202f–—№’":
        assert character in used, character


@pytest.mark.parametrize("font", FONTS)
def test_the_narrow_no_break_space_is_a_thin_space_of_pt_sans(font):
    font = TTFont(BASE / "static" / font)
    glyph = font.getBestCmap()[0x202F]
    assert font["hmtx"][glyph] == (200, 0)
    assert font["glyf"][glyph].numberOfContours == 0


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "ru", "en"])
def test_every_page_preloads_the_two_font_files_and_the_stylesheet_uses_only_them(client, lang):
    with translation.override(lang):
        page = client.get(reverse("home")).content.decode()
    preloaded = re.findall(r'<link rel="preload" href="([^"]+)" as="font"', page)
    assert preloaded == [settings.STATIC_URL + font for font in FONTS]
    stylesheet = (BASE / "static" / "css" / "portal.css").read_text()
    web_fonts = re.findall(r'url\("\.\./(vendor/[^"]+\.woff2)"\)', stylesheet)
    assert web_fonts == FONTS
