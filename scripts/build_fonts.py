"""Build the portal's two PT Sans files, one per weight, for the web pages and the PDF booklets:
static/vendor/pt-sans/pt-sans-{400,700}.woff2.

Each merges the vendored fontsource subsets (npm @fontsource/pt-sans 5.3.0, `pt-sans-latin-*` and
`pt-sans-cyrillic-*-normal.woff2`, kept beside them as the sources) into one font covering Latin and
Cyrillic, so that:

- a page loads two font files (400 and 700), preloaded, whatever its language: with the subsets,
  Russian pages needed four (the Cyrillic letters in one file, spaces, digits and punctuation in the
  other), which delayed their first paint;
- WeasyPrint, which embeds the subsets of one family as separate fonts and then draws the Latin
  letters and digits of a Russian booklet with the Cyrillic subset's glyphs, has one font to draw from.

The characters kept are those of the two subsets (Latin-1, Cyrillic, general punctuation: guillemets,
dashes, typographic apostrophes, №, €…), plus the narrow no-break space (U+202F) that French and
Russian typography put before ":" or inside numbers ("10 000"): PT Sans has no glyph for it, so it is
added as an empty glyph one fifth of an em wide (a thin space), instead of falling back to another
font. tests/test_fonts.py checks that every character of the programme and of the catalogues is in
the fonts (the one exception is written there). Hinting is kept: on Windows the text is sharper with
it, and the merged files (45 KB each) are no heavier than the Latin subset alone was; `hdmx`, a table
of pre-computed widths browsers do not read, is dropped. Run again after updating the vendored subsets:

    .venv/bin/python scripts/build_fonts.py
"""

import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph

FONTS = Path(__file__).resolve().parent.parent / "static" / "vendor" / "pt-sans"
NARROW_NO_BREAK_SPACE = 0x202F
THIN_SPACE_WIDTH = 0.2  # of an em


def merged(weight: int, work: Path) -> TTFont:
    parts = []
    for script in ("latin", "cyrillic"):
        font = TTFont(FONTS / f"pt-sans-{script}-{weight}-normal.woff2")
        font.flavor = None  # the merger reads plain TrueType
        path = work / f"{script}.ttf"
        font.save(path)
        parts.append(str(path))
    return Merger().merge(parts)


def add_narrow_no_break_space(font: TTFont) -> None:
    name = "uni202F"
    font.setGlyphOrder([*font.getGlyphOrder(), name])
    font["glyf"][name] = Glyph()  # empty: a space
    font["hmtx"][name] = (round(font["head"].unitsPerEm * THIN_SPACE_WIDTH), 0)
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[NARROW_NO_BREAK_SPACE] = name


def build(weight: int, work: Path) -> Path:
    font = merged(weight, work)
    add_narrow_no_break_space(font)
    options = subset.Options()
    options.layout_features = ["*"]  # kerning, ligatures, Cyrillic forms: all of them
    options.name_IDs = ["*"]  # copyright, licence and designer, as shipped
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.drop_tables = [*options.drop_tables, "hdmx"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap())
    subsetter.subset(font)
    font.flavor = "woff2"
    target = FONTS / f"pt-sans-{weight}.woff2"
    font.save(target)
    print(f"{target.name}: {len(font.getBestCmap())} characters, {target.stat().st_size} bytes")
    return target


def main():
    with tempfile.TemporaryDirectory() as work:
        for weight in (400, 700):
            build(weight, Path(work))


if __name__ == "__main__":
    main()
