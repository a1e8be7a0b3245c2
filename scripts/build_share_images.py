"""Render the share-preview images (1200×630 PNG) of the programme and of each theme.

Run once after changing a theme's name: `.venv/bin/python scripts/build_share_images.py`.
Needs Debian's Chromium (/usr/bin/chromium) and the programme fixture; writes static/img/share/.
"""

import html
import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.chromium import CHROMIUM, FLAGS  # noqa: E402

OUT = ROOT / "static" / "img" / "share"

TEMPLATE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; width: 1200px; height: 630px; font-family: "DejaVu Sans", sans-serif; color: #1b1f2a;
       background: #fff; display: flex; flex-direction: column; }}
.flag {{ height: 28px; background: linear-gradient(90deg, #1f3a93 0 33%, #fff 33% 66%, #b10d27 66%); }}
.body {{ flex: 1; padding: 56px 72px; display: flex; flex-direction: column; justify-content: center;
        gap: 18px; }}
.kicker {{ font-size: 30px; color: #b10d27; font-weight: bold; letter-spacing: 1px; }}
h1 {{ font-size: {size}px; margin: 0; line-height: 1.15; }}
.langs {{ font-size: 28px; color: #4f5668; line-height: 1.4; }}
.foot {{ height: 90px; background: #1b1f2a; color: #fff; font-size: 23px; display: flex; align-items: center;
        padding: 0 72px; }}
</style></head><body><div class="flag"></div><div class="body">
<div class="kicker">FRANCE · РОССИЯ · 2021</div><h1>{title}</h1><div class="langs">{others}</div></div>
<div class="foot">Année franco-russe de la coopération décentralisée · Российско-французский год</div>
</body></html>"""


def render(page, name, title, others):
    size = 64 if len(title) < 40 else 52
    page.set_content(
        TEMPLATE.format(title=html.escape(title), others="<br>".join(map(html.escape, others)), size=size)
    )
    page.screenshot(path=OUT / f"{name}.png")


def main():
    themes = json.loads((ROOT / "fixtures" / "programme" / "themes.json").read_text())
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        render(page, "programme", "Le programme de l’Année", ["Программа Года", "The programme of the Year"])
        for theme in themes:
            render(page, theme["slug"], theme["name"]["fr"], [theme["name"]["ru"], theme["name"]["en"]])
        browser.close()


if __name__ == "__main__":
    main()
