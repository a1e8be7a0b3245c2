"""Merge the vendored PT Sans subsets (latin + cyrillic, from npm @fontsource/pt-sans) into one font
per weight for the PDF booklets: static/vendor/pt-sans/pt-sans-{400,700}-booklet.woff2.

Browsers pick a subset by unicode-range; WeasyPrint embeds both subsets under the same font name and
then draws Latin letters and digits of a Russian page with the Cyrillic subset's glyphs. One font
that covers both scripts avoids that. Run again after updating the vendored subsets:

    .venv/bin/python scripts/build_booklet_fonts.py
"""

import tempfile
from pathlib import Path

from fontTools.merge import Merger
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "static" / "vendor" / "pt-sans"


def main():
    with tempfile.TemporaryDirectory() as work:
        for weight in (400, 700):
            parts = []
            for subset in ("latin", "cyrillic"):
                font = TTFont(FONTS / f"pt-sans-{subset}-{weight}-normal.woff2")
                font.flavor = None  # the merger reads plain TrueType
                path = Path(work) / f"{subset}.ttf"
                font.save(path)
                parts.append(str(path))
            merged = Merger().merge(parts)
            merged.flavor = "woff2"
            target = FONTS / f"pt-sans-{weight}-booklet.woff2"
            merged.save(target)
            print(f"{target.name}: {len(merged.getGlyphOrder())} glyphs, {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
