"""Apply the typography of each language (events/typography.py) to the programme fixtures, in place.

Run after editing texts: `.venv/bin/python scripts/typeset_fixtures.py`. Only the texts shown to
readers change (titles, descriptions, date wordings, editorial notes, names); keys, French
wordings' words and search variants are left alone. The file layouts are kept.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from events.typography import typeset

DIRECTORY = Path(__file__).resolve().parent.parent / "fixtures" / "programme"
TRANSLATED = ("name", "description", "title", "planned", "editorial_note")


def typeset_object(obj: dict) -> dict:
    for key in TRANSLATED:
        value = obj.get(key)
        if isinstance(value, dict):
            obj[key] = {lang: typeset(text, lang) for lang, text in value.items()}
    return obj


def one_object_per_line(path: Path):
    data = [typeset_object(obj) for obj in json.loads(path.read_text(encoding="utf-8"))]
    lines = ",\n".join(json.dumps(obj, ensure_ascii=False) for obj in data)
    path.write_text(f"[\n{lines}\n]\n", encoding="utf-8")


def main():
    for name in ("themes", "territories", "partners"):
        one_object_per_line(DIRECTORY / f"{name}.json")
    for path in sorted((DIRECTORY / "projects").glob("*.json")):
        data = [typeset_object(obj) for obj in json.loads(path.read_text(encoding="utf-8"))]
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
