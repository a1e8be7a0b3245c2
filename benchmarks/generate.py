"""Build the benchmark database: the real programme plus a synthetic one about 100 times its size.

    DJANGO_SETTINGS_MODULE=portal.settings.dev \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
    .venv/bin/python benchmarks/generate.py [--projects 10000] [--seed 2021]

Drops and re-creates the PostgreSQL database named in DATABASE_URL (its name must contain "bench"),
migrates it, loads the real programme with the app's own loader, then adds synthetic towns under the
real French regions and Russian federal subjects, their partners, and projects with participations
on both sides, in French, Russian and English, with planned periods of every precision. About one
project in ten is proposed, labelled or withdrawn and must never show on a public page.

Rows are bulk-inserted; the derived fields (territories, partner pairs, search text) are computed by
the app's own `events.services.refresh_derived_fields`, project by project, so that search and
filters behave exactly as they do on data entered through the admin. The same seed gives the same
database.
"""

import argparse
import itertools
import os
import random
import sys
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common
from benchmarks import vocabulary as words
from events.typography import FRENCH_MONTHS

PUBLISHED_SHARE = 0.9  # of the synthetic projects; the rest are proposed, labelled or withdrawn
OTHER_STATUSES = {"proposed": 5, "labelled": 2, "withdrawn": 3}
# (French partners, Russian partners) per project, weighted like the real programme's.
SIDE_COUNTS = {(1, 1): 74, (1, 2): 8, (2, 1): 6, (2, 2): 3, (3, 3): 2, (3, 1): 1, (0, 1): 4, (1, 0): 2}
REAL_PARTNER_SHARE = 0.06  # partners of the real programme take part in synthetic projects too
# Precision of the planned period: (weight, French wording maker).
YEARS = {2021: 88, 2022: 8, 2020: 4}


class Timer:
    """Prints how long each step of the generation takes."""

    def __init__(self):
        self.started = time.perf_counter()

    def step(self, label: str):
        now = time.perf_counter()
        print(f"  {now - self.started:7.1f} s  {label}", flush=True)
        return now


def weighted(rng: random.Random, table: dict):
    return rng.choices(list(table), weights=list(table.values()))[0]


class Slugs:
    """Unique slugs without a query per row: the app's `-2`, `-3`… suffixes, counted in memory."""

    def __init__(self, taken, max_length: int):
        from django.utils.text import slugify

        self.slugify = slugify
        self.taken = set(taken)
        self.next_suffix = defaultdict(lambda: 2)
        self.max_length = max_length

    def take(self, text: str) -> str:
        root = self.slugify(text)[: self.max_length].strip("-") or "item"
        candidate = root
        while candidate in self.taken:
            suffix = f"-{self.next_suffix[root]}"
            self.next_suffix[root] += 1
            candidate = root[: self.max_length - len(suffix)] + suffix
        self.taken.add(candidate)
        return candidate


# --- Database ----------------------------------------------------------------------------------


def recreate_database(url: str) -> None:
    """DROP and CREATE the benchmark database; refuses any database whose name lacks "bench"."""
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(url)
    name = config["NAME"]
    if "bench" not in name or not name.replace("_", "").isalnum():
        raise SystemExit(f"refusing to drop {name!r}: the benchmark database's name must contain 'bench'")
    connection = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"] or None,
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


# --- Places ------------------------------------------------------------------------------------


def synthetic_towns(rng: random.Random, *, french: int, russian: int) -> list:
    """New towns (and a few Russian villages) under the real regions and federal subjects.

    Coordinates are a real place of the same region or subject (one of its cities, else its
    centre) moved by at most ~30 km, so that every town is inside its country on the map.
    """
    import iuliia

    from partners.models import TOP_LEVEL_KINDS, Territory

    real = list(Territory.objects.select_related("parent"))
    parents = {
        "FR": [t for t in real if t.country == "FR" and t.kind in TOP_LEVEL_KINDS],
        "RU": [t for t in real if t.country == "RU" and t.kind in TOP_LEVEL_KINDS],
    }
    anchors = defaultdict(list)
    for t in real:
        if t.kind == "city" and t.parent and t.parent.kind in TOP_LEVEL_KINDS:
            anchors[t.parent_id].append(t)
    slugs = Slugs(Territory.objects.values_list("slug", flat=True), max_length=80)
    names = {t.name_fr for t in real}
    towns = []

    def place(parent, jitter):
        anchor = rng.choice(anchors[parent.pk] or [parent])
        lat = float(anchor.latitude) + rng.uniform(-jitter, jitter)
        lon = float(anchor.longitude) + rng.uniform(-jitter * 1.5, jitter * 1.5)
        return Decimal(f"{lat:.5f}"), Decimal(f"{lon:.5f}")

    def add(parent, kind, name_fr, name_ru, name_en, aliases, jitter):
        names.add(name_fr)
        lat, lon = place(parent, 0.02 if parent.kind == "federal_city" else jitter)
        towns.append(
            Territory(
                slug=slugs.take(name_fr),
                name_fr=name_fr,
                name_ru=name_ru,
                name_en=name_en,
                country=parent.country,
                kind=kind,
                parent=parent,
                latitude=lat,
                longitude=lon,
                alternative_names="\n".join(a for a in dict.fromkeys(aliases) if a not in names),
            )
        )

    attempts = itertools.count()

    def more(wanted: int) -> bool:
        if next(attempts) > 50 * (french + russian):
            raise SystemExit("the word lists give too few distinct town names: add words to vocabulary.py")
        return len(towns) < wanted

    while more(french):
        if rng.random() < 0.15:
            (fr, ru), (sfr, sru) = (
                rng.choice(words.FRENCH_TOWN_SAINTS),
                rng.choice(words.FRENCH_TOWN_SUFFIXES),
            )
            fr, ru = fr + sfr, ru + sru
        else:
            (f1, r1), (f2, r2) = rng.choice(words.FRENCH_TOWN_FIRST), rng.choice(words.FRENCH_TOWN_SECOND)
            fr, ru = f1 + f2, r1 + r2
            if rng.random() < 0.35:
                sfr, sru = rng.choice(words.FRENCH_TOWN_SUFFIXES)
                fr, ru = fr + sfr, ru + sru
        if fr not in names:
            add(rng.choice(parents["FR"]), "city", fr, ru, fr, [], jitter=0.25)
    french_count = len(towns)
    while more(french_count + russian):
        if rng.random() < 0.1:
            ru = f"{rng.choice(words.RUSSIAN_VILLAGE_ADJECTIVES)} {rng.choice(words.RUSSIAN_VILLAGE_NAMES)}"
            kind = "village"
        else:
            ru = rng.choice(words.RUSSIAN_TOWN_FIRST) + rng.choice(words.RUSSIAN_TOWN_SECOND)
            if rng.random() < 0.4:
                ru += rng.choice(words.RUSSIAN_TOWN_RIVERS)
            kind = "city"
        fr, en = iuliia.MVD_310_FR.translate(ru), iuliia.WIKIPEDIA.translate(ru)
        if fr in names:
            continue
        # Other spellings a reader may type, and the locative ("в Новогорске") that texts use.
        aliases = [iuliia.ICAO_DOC_9303.translate(ru)]
        if kind == "city" and ru[-1] not in "аеёиоуыэюяь":
            aliases.append(ru + "е")
        add(rng.choice(parents["RU"]), kind, fr, ru, en, aliases, jitter=0.2)
    return Territory.objects.bulk_create(towns, batch_size=1000)


def synthetic_partners(rng: random.Random, towns: list) -> list:
    """Each town's local authority and a few of its institutions (museums, universities, clubs…)."""
    from partners.models import Partner

    slugs = Slugs(Partner.objects.values_list("slug", flat=True), max_length=80)
    partners = []
    for town in towns:
        if town.country == "FR":
            municipality, institutions = words.FRENCH_MUNICIPALITY, words.FRENCH_INSTITUTIONS
        else:
            municipality, institutions = words.RUSSIAN_MUNICIPALITY, words.RUSSIAN_INSTITUTIONS
        chosen = rng.sample(institutions, k=rng.choice([0, 1, 1, 2, 2, 3, 4]))
        for kind, fr, ru, en in [municipality, *chosen]:
            values = {"fr": town.name_fr, "ru": town.name_ru, "en": town.name_en, "n": rng.randint(1, 12)}
            name_fr = fr.format(**values)
            partners.append(
                Partner(
                    slug=slugs.take(name_fr),
                    name_fr=name_fr,
                    name_ru=ru.format(**values),
                    name_en=en.format(**values),
                    kind=kind,
                    country=town.country,
                    territory=town,
                )
            )
    return Partner.objects.bulk_create(partners, batch_size=1000)


# --- Projects ----------------------------------------------------------------------------------


def planned_wording(rng: random.Random) -> str:
    """A French date wording of the kind the programme uses, for `events.periods.parse_planned`."""
    year = weighted(rng, YEARS)
    month = rng.randrange(12)
    name = FRENCH_MONTHS[month]
    precision = weighted(
        rng, {"unknown": 25, "year": 12, "semester": 20, "quarter": 10, "month": 18, "day": 15}
    )
    if precision == "unknown":
        return ""
    if precision == "year":
        return rng.choice([f"Tout au long de l’année {year}", str(year)])
    if precision == "semester":
        return rng.choice(["Semestre 1", "Semestre 2", f"Premier semestre {year}", f"Second semestre {year}"])
    if precision == "quarter":
        quarter = rng.randint(1, 4)
        return f"{quarter}{'er' if quarter == 1 else 'ème'} trimestre {year}"
    if precision == "month":
        if month < 11 and rng.random() < 0.4:
            return f"{name}-{FRENCH_MONTHS[month + 1]} {year}"
        return rng.choice([f"{name} {year}", f"{name.capitalize()} {year}"])
    first = rng.randint(1, 20)
    last = first + rng.randint(0, 8)
    if last == first:
        return f"{first} {name} {year}"
    if month < 11 and rng.random() < 0.2:
        return f"du {first} {name} au {rng.randint(1, 28)} {FRENCH_MONTHS[month + 1]} {year}"
    return rng.choice([f"du {first} au {last} {name} {year}", f"{first}-{last} {name} {year}"])


class ProjectMaker:
    """Builds unsaved synthetic projects with their participations and themes."""

    def __init__(self, rng: random.Random, partners: dict, themes: dict, regions: dict):
        from django.conf import settings

        from events.models import Project

        self.rng = rng
        self.partners = partners  # {"FR": (synthetic, real), "RU": (synthetic, real)}
        self.themes = themes
        self.regions = regions  # territory pk -> its French region (or None)
        self.slugs = Slugs(Project.objects.values_list("slug", flat=True), max_length=120)
        self.next_reference = Project.objects.exclude(reference=None).count() + 1
        self.year = settings.PROGRAMME_YEAR
        self.programme_published = date.fromisoformat(settings.PROGRAMME_PUBLISHED_ON)

    def pick_partners(self, country: str, count: int) -> list:
        synthetic, real = self.partners[country]
        chosen = []
        while len(chosen) < count:
            partner = self.rng.choice(real if self.rng.random() < REAL_PARTNER_SHARE else synthetic)
            if partner not in chosen:
                chosen.append(partner)
        return chosen

    def texts(self, french: list, russian: list) -> dict:
        """Title and description in the three languages, about the project's first two towns."""
        rng = self.rng
        activity = rng.choice(words.ACTIVITIES)
        topic = rng.choice(words.TOPICS)
        towns = {
            "fr": french[0].territory if french else None,
            "ru": russian[0].territory if russian else None,
        }
        titles = [f"{activity[0]} {topic[1]}", f"{activity[1]} {topic[2]}", f"{activity[2]} of {topic[3]}"]
        shape = rng.random()
        if towns["fr"] and towns["ru"] and shape < 0.4:
            pair = [f"{towns['fr'].name_fr} – {towns['ru'].name_fr}"]
            pair += [
                f"{towns['fr'].name_ru} — {towns['ru'].name_ru}",
                f"{towns['fr'].name_en} – {towns['ru'].name_en}",
            ]
            titles = [f"{title} {names}" for title, names in zip(titles, pair, strict=True)]
        elif towns["ru"] and shape < 0.6:
            town = towns["ru"]
            titles = [
                f"{titles[0]} à {town.name_fr}",
                f"{titles[1]} в городе {town.name_ru}",
                f"{titles[2]} in {town.name_en}",
            ]
        elif shape < 0.7:
            titles = [f"{title} {self.year}" for title in titles]

        usable = [
            s
            for s in words.SENTENCES
            if (towns["fr"] or "{fr}" not in s[0]) and (towns["ru"] or "{ru}" not in s[0])
        ]
        count = 0 if rng.random() < 0.12 else rng.randint(1, 5)
        sentences = rng.sample(usable, k=min(count, len(usable)))
        descriptions = []
        for index, lang in enumerate(("fr", "ru", "en")):
            place = {side: getattr(town, f"name_{lang}") if town else "" for side, town in towns.items()}
            descriptions.append(
                " ".join(
                    s[index].format(**place, topic_fr=topic[1], topic_ru=topic[2], topic_en=topic[3])
                    for s in sentences
                )
            )
        return {"title": titles, "description": descriptions, "theme": topic[0]}

    def planned(self) -> dict:
        from django.utils import translation

        from events.periods import describe_period, parse_planned

        wording = planned_wording(self.rng)
        period = parse_planned(wording, self.year)
        texts = {"fr": wording, "ru": "", "en": ""}
        if wording:  # as events.services.generate_planned_wording fills the other languages
            for lang in ("ru", "en"):
                with translation.override(lang):
                    texts[lang] = describe_period(period.start, period.end, period.precision)
        return {"period": period, "texts": texts}

    def status_fields(self, status: str) -> dict:
        """Label date, reference and publication time consistent with the workflow's constraints."""
        from zoneinfo import ZoneInfo

        from django.conf import settings

        rng = self.rng
        fields = {"status": status}
        labelled = status in ("labelled", "published") or (status == "withdrawn" and rng.random() < 0.7)
        if labelled:
            fields["labelled_on"] = self.programme_published + timedelta(days=rng.randint(0, 250))
            fields["reference"] = f"FR-RU-{self.year}-{self.next_reference:04d}"
            self.next_reference += 1
        if status == "published" or (status == "withdrawn" and labelled and rng.random() < 0.5):
            day = fields["labelled_on"] + timedelta(days=rng.randint(0, 20))
            fields["published_at"] = datetime(
                day.year, day.month, day.day, 12, tzinfo=ZoneInfo(settings.TIME_ZONE)
            )
        if status == "withdrawn":
            fields["withdrawn_reason"] = rng.choice(words.WITHDRAWAL_REASONS)
        if status == "proposed" and rng.random() < 0.5:
            fields["submitted_at"] = datetime(self.year, 3, 1, 9, tzinfo=ZoneInfo(settings.TIME_ZONE))
        return fields

    def make(self, status: str):
        """(project, participations, themes), unsaved."""
        from events.models import Participation, Project, Side

        rng = self.rng
        french_count, russian_count = weighted(rng, SIDE_COUNTS)
        french = self.pick_partners("FR", french_count)
        russian = self.pick_partners("RU", russian_count)
        texts = self.texts(french, russian)
        planned = self.planned()
        period = planned["period"]
        project = Project(
            slug=self.slugs.take(texts["title"][0]),
            **{f"title_{lang}": t for lang, t in zip(("fr", "ru", "en"), texts["title"], strict=True)},
            **{
                f"description_{lang}": t
                for lang, t in zip(("fr", "ru", "en"), texts["description"], strict=True)
            },
            **{f"planned_text_{lang}": t for lang, t in planned["texts"].items()},
            planned_start=period.start,
            planned_end=period.end,
            planned_precision=period.precision,
            # As the loader does for rows without a region column: the first French partner's region.
            french_region=next((r for r in (self.regions.get(p.territory_id) for p in french) if r), None),
            has_unnamed_french_partners=rng.random() < 0.04,
            has_unnamed_russian_partners=rng.random() < 0.04,
            **self.status_fields(status),
        )
        participations = [
            Participation(project=project, partner=p, side=Side.FRENCH, position=i)
            for i, p in enumerate(french)
        ] + [
            Participation(project=project, partner=p, side=Side.RUSSIAN, position=i)
            for i, p in enumerate(russian)
        ]
        themes = [self.themes[texts["theme"]]]
        if rng.random() < 0.1:
            extra = rng.choice(list(self.themes.values()))
            if extra not in themes:
                themes.append(extra)
        return project, participations, themes


def synthetic_projects(rng: random.Random, count: int, partners: list) -> list:
    """`count` published projects plus unpublished ones, bulk-inserted with participations and themes."""
    from events.models import Participation, Project, Theme, workflow_writer
    from partners.models import Partner, Territory

    real = list(Partner.objects.exclude(pk__in=[p.pk for p in partners]).select_related("territory"))
    by_country = {
        country: ([p for p in partners if p.country == country], [p for p in real if p.country == country])
        for country in ("FR", "RU")
    }
    territories = {t.pk: t for t in Territory.objects.all()}

    def region_of(territory):
        while territory is not None and territory.kind != "region":
            territory = territories.get(territory.parent_id)
        return territory

    regions = {pk: region_of(t) for pk, t in territories.items() if t.country == "FR"}
    maker = ProjectMaker(rng, by_country, {t.slug: t for t in Theme.objects.all()}, regions)

    unpublished = round(count * (1 - PUBLISHED_SHARE) / PUBLISHED_SHARE)
    statuses = ["published"] * count + [weighted(rng, OTHER_STATUSES) for _ in range(unpublished)]
    rng.shuffle(statuses)
    made = [maker.make(status) for status in statuses]
    # Synthetic projects arrive labelled, published or withdrawn, as the loader's real ones do.
    with workflow_writer("benchmarks.generate"):
        projects = Project.objects.bulk_create([p for p, _, _ in made], batch_size=1000)
    Participation.objects.bulk_create(
        [x for _, participations, _ in made for x in participations], batch_size=2000
    )
    Project.themes.through.objects.bulk_create(
        [Project.themes.through(project=p, theme=t) for p, _, themes in made for t in themes], batch_size=2000
    )
    return projects


# --- Derived fields and checks -----------------------------------------------------------------


def refresh_all(projects: list, timer: Timer) -> None:
    """The app's own derivation, one project at a time, in transactions of a few hundred."""
    from django.db import transaction

    from events.services import refresh_derived_fields

    batch = 500
    for start in range(0, len(projects), batch):
        with transaction.atomic():
            for project in projects[start : start + batch]:
                refresh_derived_fields(project=project)
        if (start // batch) % 4 == 3:
            timer.step(f"derived fields of {start + batch} projects")


def mark_twinnings(rng: random.Random) -> None:
    """A few of the new pairs are formal twinnings, as some real ones are."""
    from partners.models import PartnerPair

    pairs = list(PartnerPair.objects.filter(is_twinning=False).order_by("id").values_list("pk", flat=True))
    chosen = rng.sample(pairs, k=len(pairs) // 25)
    for pk in chosen:
        PartnerPair.objects.filter(pk=pk).update(is_twinning=True, twinned_in=rng.randint(1958, 2015))


def check(published_expected: int) -> None:
    """What the benchmarks rely on: unpublished projects are hidden and search works across scripts."""
    from events import selectors
    from events.models import Project
    from partners.models import Partner, PartnerPair, Territory

    published = selectors.published_projects()
    counts = {
        "projects": Project.objects.count(),
        "published": published.count(),
        "territories": Territory.objects.count(),
        "partners": Partner.objects.count(),
        "pairs": PartnerPair.objects.count(),
    }
    print(", ".join(f"{name}: {n}" for name, n in counts.items()))
    assert published.count() >= published_expected
    hits = {q: selectors.matching(published, q).count() for q in ("iaroslavl", "Ярославль", "Yaroslavl")}
    print(f"search hits: {hits}; кружево: {selectors.matching(published, 'кружево').count()}")
    assert len(set(hits.values())) == 1 and hits["iaroslavl"] > 0, "Latin and Cyrillic searches disagree"
    hidden = selectors.matching(Project.objects.exclude(status="published"), "iaroslavl").values("pk")
    assert not selectors.matching(published, "iaroslavl").filter(pk__in=hidden).exists()
    assert not Project.objects.filter(search_document="").exists(), "a project has no search document"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=10_000, help="synthetic published projects")
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    timer = Timer()

    url = os.environ.setdefault("DATABASE_URL", common.DEFAULT_DATABASE_URL)
    recreate_database(url)
    timer.step(f"database {common.database_name(url)} re-created")
    common.setup_django("portal.settings.dev")

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import translation

    from events.programme import load_programme

    call_command("migrate", interactive=False, verbosity=0)
    timer.step("migrated")
    load_programme()
    timer.step("real programme loaded")

    # Column values of translated fields follow the active language: French, as the loader's.
    with translation.override("fr"), transaction.atomic():
        towns = synthetic_towns(rng, french=args.projects // 6, russian=args.projects // 7)
        partners = synthetic_partners(rng, towns)
        timer.step(f"{len(towns)} towns and {len(partners)} partners")
        projects = synthetic_projects(rng, args.projects, partners)
        timer.step(f"{len(projects)} projects with participations and themes")
    with translation.override("fr"):
        refresh_all(projects, timer)
        timer.step("derived fields of every project")
        mark_twinnings(rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    timer.step("vacuum analyze")
    check(args.projects)


if __name__ == "__main__":
    main()
