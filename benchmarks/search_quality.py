"""Precision and recall of the programme search on a fixed set of queries (docs/search-quality.md).

    DATABASE_URL=sqlite:////tmp/x.sqlite3 python manage.py migrate && python manage.py load_programme
    DATABASE_URL=sqlite:////tmp/x.sqlite3 python -m benchmarks.search_quality

What a query should find is written here once, independently of the search code: for a place, the
projects linked to that place (or a place inside it); for a subject, the projects whose title or
description in the query's language contains one of the listed word forms (a regular expression
over that language's own text). Each query is run as a visitor would type it.
"""

import os
import re
import sys

import django

# (language, query, how relevance is judged: ("place", slug, regex): linked to the place or naming it
# in the query's language; ("words", regex): the text in the query's language has one of the forms)
QUERIES = [
    ("ru", "Ярославль", ("place", "iaroslavl", r"ярославл")),
    ("ru", "Нижний Новгород", ("place", "nijni-novgorod", r"нижн\w* новгород")),
    ("ru", "Ницца", ("place", "nice", r"ницц")),
    ("ru", "Санкт-Петербург", ("place", "saint-petersbourg", r"санкт-петербург|петербург")),
    ("ru", "Калуга", ("place", "kalouga", r"калуг")),
    ("ru", "кружево", ("words", r"кружев")),
    ("ru", "новый", ("words", r"\bнов(ый|ая|ое|ые|ого|ой|ых|ым|ыми|ую|ом)\b")),
    ("ru", "лес", ("words", r"\bлес(а|у|ом|е|ов|ной|ного|ные|ных)?\b")),
    ("ru", "дети", ("words", r"\b(дет(и|ей|ям|ьми|ях|ский|ского|ских|ские)|ребён)")),
    ("ru", "фестиваль", ("words", r"фестивал")),
    ("ru", "университет", ("words", r"университет")),
    ("ru", "кино", ("words", r"\bкино|кинема|фильм")),
    ("fr", "Iaroslavl", ("place", "iaroslavl", r"iaroslav")),
    ("fr", "Nice", ("place", "nice", r"\bnice\b")),
    ("fr", "Strasbourg", ("place", "strasbourg", r"strasbourg")),
    ("fr", "Saint-Pétersbourg", ("place", "saint-petersbourg", r"saint-p[ée]tersbourg")),
    ("fr", "Volgograd", ("place", "volgograd", r"volgograd")),
    ("fr", "dentelle", ("words", r"dentell")),
    ("fr", "festival", ("words", r"festival")),
    ("fr", "université", ("words", r"universit")),
    ("fr", "jeunes", ("words", r"\bjeune|jeunesse")),
    ("fr", "nouveau", ("words", r"\bnouve(au|aux|lle|lles)\b|\bnouvel\b")),
    ("fr", "les musées", ("words", r"\bmusée")),
    ("en", "Yaroslavl", ("place", "iaroslavl", r"yaroslavl")),
    ("en", "Nice", ("place", "nice", r"\bNice\b")),
    ("en", "Saint Petersburg", ("place", "saint-petersbourg", r"petersburg")),
    ("en", "Nizhny Novgorod", ("place", "nijni-novgorod", r"nizhny novgorod")),
    ("en", "Kaluga", ("place", "kalouga", r"kaluga")),
    ("en", "lace", ("words", r"\blace")),
    ("en", "festival", ("words", r"festival")),
    ("en", "university", ("words", r"universit")),
    ("en", "youth", ("words", r"\byouth|\byoung")),
    ("en", "new", ("words", r"\bnew\b")),
    ("en", "the forest", ("words", r"\bforest")),
]


def relevant(judgement, lang, projects):
    from partners.models import Territory

    kind, *target = judgement
    pattern = re.compile(target[-1], re.IGNORECASE)
    named = {
        p.pk
        for p in projects
        if pattern.search(f"{getattr(p, f'title_{lang}') or ''} {getattr(p, f'description_{lang}') or ''}")
    }
    if kind == "place":
        place = Territory.objects.get(slug=target[0])
        return named | {p.pk for p in projects if place.pk in {t.pk for t in p.territories.all()}}
    return named


def measure():
    from events import selectors

    published = selectors.published_projects()
    projects = list(published.prefetch_related("territories"))
    rows = []
    for lang, query, judgement in QUERIES:
        kind = judgement[0]
        expected = relevant(judgement, lang, projects)
        found = set(selectors.matching(published, query).values_list("pk", flat=True))
        hits = len(found & expected)
        precision = hits / len(found) if found else 1.0
        recall = hits / len(expected) if expected else 1.0
        rows.append((lang, query, kind, len(expected), len(found), hits, precision, recall))
    return rows


def main():
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()
    rows = measure()
    print("| lang | query | kind | relevant | found | right | precision | recall |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for lang, query, kind, expected, found, hits, precision, recall in rows:
        print(
            f"| {lang} | {query} | {kind} | {expected} | {found} | {hits} | {precision:.2f} | {recall:.2f} |"
        )
    for lang in ("ru", "fr", "en", None):
        mine = [r for r in rows if lang is None or r[0] == lang]
        p = sum(r[6] for r in mine) / len(mine)
        r = sum(r[7] for r in mine) / len(mine)
        print(f"| {lang or 'all'} | mean of {len(mine)} queries | | | | | {p:.2f} | {r:.2f} |")


if __name__ == "__main__":
    main()
