"""Loading the official programme from `fixtures/programme/` into the database.

The fixture is a set of JSON documents written by hand from the PDF (see
docs/programme-transcription.md): themes, territories, partners, pairs and one file per section
of the programme. Loading validates everything first and reports every problem at once; then it
writes inside one transaction, so a bad fixture changes nothing.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from partners.models import Partner, PartnerPair, Territory

from .models import LabellingStatus, PlannedSource, Project, Theme, workflow_writer
from .periods import parse_planned
from .services import project_slug, set_participants

LANGUAGES = ("fr", "ru", "en")
DEFAULT_DIRECTORY = Path(settings.BASE_DIR) / "fixtures" / "programme"


class ProgrammeError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class LoadReport:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)

    def count(self, kind, created):
        target = self.created if created else self.updated
        target[kind] = target.get(kind, 0) + 1


def reference_for(ref: int) -> str:
    return f"FR-RU-{settings.PROGRAMME_YEAR}-{ref:04d}"


def read_fixture(directory: Path = DEFAULT_DIRECTORY) -> dict:
    directory = Path(directory)
    projects = []
    for path in sorted((directory / "projects").glob("*.json")):
        projects += json.loads(path.read_text(encoding="utf-8"))
    return {
        "themes": json.loads((directory / "themes.json").read_text(encoding="utf-8")),
        "territories": json.loads((directory / "territories.json").read_text(encoding="utf-8")),
        "partners": json.loads((directory / "partners.json").read_text(encoding="utf-8")),
        "pairs": json.loads((directory / "pairs.json").read_text(encoding="utf-8")),
        "projects": projects,
    }


def validate(data: dict) -> list[str]:
    """Every problem in the fixture, as readable sentences; empty when it can be loaded."""
    problems = []
    territories = {t["key"]: t for t in data["territories"]}
    partners = {p["key"] for p in data["partners"]}
    themes = {t["slug"] for t in data["themes"]}

    def translated(where, value, required=True):
        if not isinstance(value, dict) or set(value) != set(LANGUAGES):
            problems.append(f"{where}: needs exactly the languages {', '.join(LANGUAGES)}")
            return
        if required and not all(value[lang].strip() for lang in LANGUAGES):
            problems.append(f"{where}: a translation is empty")
        if not required and len({bool(value[lang].strip()) for lang in LANGUAGES}) > 1:
            problems.append(f"{where}: translated in some languages only")

    for t in data["territories"]:
        translated(f"territory {t['key']}", t["name"])
        if t["parent"] is not None and t["parent"] not in territories:
            problems.append(f"territory {t['key']}: unknown parent {t['parent']}")
    for p in data["partners"]:
        translated(f"partner {p['key']}", p["name"])
        if p["territory"] not in territories:
            problems.append(f"partner {p['key']}: unknown territory {p['territory']}")
    for pair in data["pairs"]:
        for side in ("french", "russian"):
            if pair[side] not in partners:
                problems.append(f"pair {pair['french']}–{pair['russian']}: unknown partner {pair[side]}")
    pairs_in_projects = {
        (fr, ru) for p in data["projects"] for fr in p["french_partners"] for ru in p["russian_partners"]
    }
    for pair in data["pairs"]:
        if (pair["french"], pair["russian"]) not in pairs_in_projects:
            problems.append(f"pair {pair['french']}–{pair['russian']}: no project brings them together")
    refs = [p["ref"] for p in data["projects"]]
    if len(refs) != len(set(refs)):
        problems.append("projects: duplicate ref numbers")
    for p in data["projects"]:
        where = f"project {p['ref']}"
        translated(f"{where} title", p["title"])
        translated(f"{where} description", p["description"], required=False)
        translated(f"{where} planned", p["planned"], required=False)
        if "editorial_note" in p:
            translated(f"{where} editorial note", p["editorial_note"])
        if p.get("planned_source", PlannedSource.PROGRAMME) not in PlannedSource.values:
            problems.append(f"{where}: unknown planned_source {p['planned_source']}")
        for slug in p["themes"]:
            if slug not in themes:
                problems.append(f"{where}: unknown theme {slug}")
        if not p["themes"]:
            problems.append(f"{where}: no theme")
        for key in p["french_partners"] + p["russian_partners"]:
            if key not in partners:
                problems.append(f"{where}: unknown partner {key}")
        region = p.get("french_region")
        if region and (region not in territories or territories[region]["kind"] != "region"):
            problems.append(f"{where}: {region} is not a French region")
        try:
            parse_planned(planned_wording(p), settings.PROGRAMME_YEAR)
        except (ValueError, KeyError) as exc:
            problems.append(f"{where}: {exc}")
    return problems


def planned_wording(p: dict) -> str:
    """The French wording the planned period is read from: the programme's, or the editors'
    correction of an evident slip (the programme's wording is still the one shown)."""
    return p.get("planned_corrected") or p["planned"]["fr"]


def _set_translated(obj, name, values):
    for lang in LANGUAGES:
        setattr(obj, f"{name}_{lang}", values[lang])


@transaction.atomic
def load_programme(*, directory: Path = DEFAULT_DIRECTORY, update: bool = False) -> LoadReport:
    """Create what the database lacks of the programme; with update=True also overwrite rows
    that exist (keyed by slug, or label reference for projects) with the fixture's content.

    Idempotent: a second run with the same fixture creates nothing.
    """
    data = read_fixture(directory)
    problems = validate(data)
    if problems:
        raise ProgrammeError(problems)
    report = LoadReport()

    def upsert(model, lookup, apply):
        obj = model.objects.filter(**lookup).first()
        created = obj is None
        if created:
            obj = model(**lookup)
        if created or update:
            apply(obj)
            try:
                obj.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                raise ProgrammeError([f"{model.__name__} {lookup}: {exc.messages}"]) from exc
            obj.save()
            report.count(model.__name__, created)
        return obj

    for position, t in enumerate(data["themes"], start=1):

        def apply_theme(obj, t=t, position=position):
            _set_translated(obj, "name", t["name"])
            _set_translated(obj, "description", t["description"])
            obj.position = position

        upsert(Theme, {"slug": t["slug"]}, apply_theme)

    territories = {}
    for t in data["territories"]:  # parents come before their children in the file

        def apply_territory(obj, t=t):
            _set_translated(obj, "name", t["name"])
            obj.country, obj.kind = t["country"], t["kind"]
            obj.parent = territories.get(t["parent"])
            obj.latitude, obj.longitude = Decimal(str(t["lat"])), Decimal(str(t["lon"]))
            obj.alternative_names = "\n".join(t["aliases"])

        territories[t["key"]] = upsert(Territory, {"slug": t["key"]}, apply_territory)

    partners = {}
    for p in data["partners"]:

        def apply_partner(obj, p=p):
            _set_translated(obj, "name", p["name"])
            obj.kind, obj.country = p["kind"], p["country"]
            obj.territory = territories[p["territory"]]

        partners[p["key"]] = upsert(Partner, {"slug": p["key"]}, apply_partner)

    themes = {t.slug: t for t in Theme.objects.all()}
    labelled_on = date.fromisoformat(settings.PROGRAMME_PUBLISHED_ON)
    published_at = datetime.combine(labelled_on, time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))
    for p in data["projects"]:
        reference = reference_for(p["ref"])
        project = Project.objects.filter(reference=reference).first()
        created = project is None
        if not (created or update):
            continue
        if created:
            project = Project(reference=reference)
        _set_translated(project, "title", p["title"])
        _set_translated(project, "description", p["description"])
        _set_translated(project, "planned_text", p["planned"])
        _set_translated(project, "editorial_note", p.get("editorial_note", dict.fromkeys(LANGUAGES, "")))
        project.planned_source = p.get("planned_source", PlannedSource.PROGRAMME)
        period = parse_planned(planned_wording(p), settings.PROGRAMME_YEAR)
        project.planned_start, project.planned_end = period.start, period.end
        project.planned_precision = period.precision
        project.has_unnamed_french_partners = p.get("has_unnamed_french_partners", False)
        project.has_unnamed_russian_partners = p.get("has_unnamed_russian_partners", False)
        french = [partners[k] for k in p["french_partners"]]
        russian = [partners[k] for k in p["russian_partners"]]
        if "french_region" in p:  # null: a national project, with no French region
            project.french_region = territories[p["french_region"]] if p["french_region"] else None
        else:  # the later tables of the PDF have no region column: the French partner's region
            regions = [t for f in french for t in f.territory.lineage() if t.kind == "region"]
            project.french_region = regions[0] if regions else None
        if created:
            # The programme was labelled and published on its launch day, before the portal existed:
            # the loader records that decision. It never changes the state of an existing project.
            project.slug = project_slug(p["title"]["fr"], french + russian)
            with workflow_writer("programme loader"):
                project.status = LabellingStatus.PUBLISHED
                project.labelled_on = labelled_on
                project.published_at = published_at
                project.save()
        else:
            project.save()
        set_participants(
            project=project, french=french, russian=russian, themes=[themes[slug] for slug in p["themes"]]
        )
        report.count("Project", created)

    for pair in data["pairs"]:
        obj = PartnerPair.objects.get(
            french_partner=partners[pair["french"]], russian_partner=partners[pair["russian"]]
        )
        if update or not obj.is_twinning:
            obj.is_twinning = pair["is_twinning"]
            obj.twinned_in = pair.get("twinned_in")
            obj.save()
    return report
