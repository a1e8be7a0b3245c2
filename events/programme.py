"""Loading the official programme from `fixtures/programme/` into the database.

The fixture is a set of JSON documents written by hand from the PDF (see
docs/programme-transcription.md): themes, territories, partners, pairs and one file per section
of the programme. Loading validates everything first and reports every problem at once; then it
writes inside one transaction, so a bad fixture changes nothing.
"""

import hashlib
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

from . import services
from .models import LabellingStatus, PlannedSource, ProgrammeLoadRecord, Project, Side, Theme, workflow_writer
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
    """What a load did (or, in a dry run, would do): counts and the diff, one line per change."""

    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    kept: dict = field(default_factory=dict)  # fields staff changed, left as they are
    deleted_by_staff: list = field(default_factory=list)
    diff: list = field(default_factory=list)

    def count(self, kind, created):
        target = self.created if created else self.updated
        target[kind] = target.get(kind, 0) + 1

    def keep(self, kind):
        self.kept[kind] = self.kept.get(kind, 0) + 1


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


def _hash(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def _translated(prefix, values) -> dict:
    return {f"{prefix}_{lang}": values[lang] for lang in LANGUAGES}


def _coordinate(value) -> str:
    return f"{Decimal(str(value)):.5f}"


class _Keys:
    """Fixture keys → database objects, for the relations between fixture objects."""

    def __init__(self):
        self.objects = {}

    def pk(self, kind, key):
        obj = self.objects.get((kind, key))
        return obj.pk if obj is not None else None


# For each kind of fixture object: its values as the fixture gives them and as the database holds
# them (same shapes, so that they compare and hash alike), and how to write some of them.


def _theme_values(t, position, keys):
    return {
        **_translated("name", t["name"]),
        **_translated("description", t["description"]),
        "position": position,
    }


def _theme_current(obj):
    return {
        **{f"{f}_{lang}": getattr(obj, f"{f}_{lang}") for f in ("name", "description") for lang in LANGUAGES},
        "position": obj.position,
    }


def _territory_values(t, keys):
    return {
        **_translated("name", t["name"]),
        "country": t["country"],
        "kind": t["kind"],
        "parent_id": keys.pk("territory", t["parent"]) if t["parent"] else None,
        "latitude": _coordinate(t["lat"]),
        "longitude": _coordinate(t["lon"]),
        "alternative_names": "\n".join(t["aliases"]),
    }


def _territory_current(obj):
    return {
        **{f"name_{lang}": getattr(obj, f"name_{lang}") for lang in LANGUAGES},
        "country": obj.country,
        "kind": obj.kind,
        "parent_id": obj.parent_id,
        "latitude": _coordinate(obj.latitude),
        "longitude": _coordinate(obj.longitude),
        "alternative_names": obj.alternative_names,
    }


def _partner_values(p, keys):
    return {
        **_translated("name", p["name"]),
        "kind": p["kind"],
        "country": p["country"],
        "territory_id": keys.pk("territory", p["territory"]),
    }


def _partner_current(obj):
    return {
        **{f"name_{lang}": getattr(obj, f"name_{lang}") for lang in LANGUAGES},
        "kind": obj.kind,
        "country": obj.country,
        "territory_id": obj.territory_id,
    }


def _project_values(p, keys):
    period = parse_planned(planned_wording(p), settings.PROGRAMME_YEAR)
    french = [keys.pk("partner", k) for k in p["french_partners"]]
    russian = [keys.pk("partner", k) for k in p["russian_partners"]]
    if "french_region" in p:  # null: a national project, with no French region
        region = keys.pk("territory", p["french_region"]) if p["french_region"] else None
    else:  # the later tables of the PDF have no region column: the French partner's region
        partners = Partner.objects.filter(pk__in=[pk for pk in french if pk]).select_related(
            "territory__parent__parent"
        )
        by_pk = {partner.pk: partner for partner in partners}
        regions = [
            t.pk for pk in french if pk in by_pk for t in by_pk[pk].territory.lineage() if t.kind == "region"
        ]
        region = regions[0] if regions else None
    return {
        **_translated("title", p["title"]),
        **_translated("description", p["description"]),
        **_translated("planned_text", p["planned"]),
        **_translated("editorial_note", p.get("editorial_note", dict.fromkeys(LANGUAGES, ""))),
        "planned_source": p.get("planned_source", PlannedSource.PROGRAMME),
        "planned_start": period.start.isoformat() if period.start else None,
        "planned_end": period.end.isoformat() if period.end else None,
        "planned_precision": str(period.precision),
        "has_unnamed_french_partners": p.get("has_unnamed_french_partners", False),
        "has_unnamed_russian_partners": p.get("has_unnamed_russian_partners", False),
        "french_region_id": region,
        "french_partners": french,
        "russian_partners": russian,
        "themes": sorted(keys.pk("theme", slug) for slug in p["themes"]),
    }


def _project_current(obj):
    participations = list(obj.participations.order_by("side", "position"))
    return {
        **{
            f"{f}_{lang}": getattr(obj, f"{f}_{lang}")
            for f in ("title", "description", "planned_text", "editorial_note")
            for lang in LANGUAGES
        },
        "planned_source": obj.planned_source,
        "planned_start": obj.planned_start.isoformat() if obj.planned_start else None,
        "planned_end": obj.planned_end.isoformat() if obj.planned_end else None,
        "planned_precision": obj.planned_precision,
        "has_unnamed_french_partners": obj.has_unnamed_french_partners,
        "has_unnamed_russian_partners": obj.has_unnamed_russian_partners,
        "french_region_id": obj.french_region_id,
        "french_partners": [p.partner_id for p in participations if p.side == Side.FRENCH],
        "russian_partners": [p.partner_id for p in participations if p.side == Side.RUSSIAN],
        "themes": sorted(obj.themes.values_list("pk", flat=True)),
    }


def _pair_values(pair, keys):
    return {"is_twinning": pair["is_twinning"], "twinned_in": pair.get("twinned_in")}


def _pair_current(obj):
    return {"is_twinning": obj.is_twinning, "twinned_in": obj.twinned_in}


RELATIONS = {"french_partners", "russian_partners", "themes"}


def _write(obj, values: dict) -> None:
    """Set `values` on `obj` (a new or existing row) and save it, relations included."""
    for name, value in values.items():
        if name in RELATIONS:
            continue
        if name in ("planned_start", "planned_end"):
            value = date.fromisoformat(value) if value else None
        elif name in ("latitude", "longitude"):
            value = Decimal(value)
        setattr(obj, name, value)
    state = getattr(obj, "_loader_state", None)
    for name, value in (state or {}).items():
        setattr(obj, name, value)
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise ProgrammeError([f"{type(obj).__name__} {obj}: {exc.messages}"]) from exc
    if state:
        with workflow_writer("programme loader"):
            obj.save()
        del obj._loader_state
    else:
        obj.save()
    if isinstance(obj, Project) and RELATIONS & set(values):
        current = _project_current(obj)
        merged = {name: values.get(name, current[name]) for name in RELATIONS}
        set_participants(
            project=obj,
            french=[Partner.objects.get(pk=pk) for pk in merged["french_partners"]],
            russian=[Partner.objects.get(pk=pk) for pk in merged["russian_partners"]],
            themes=Theme.objects.filter(pk__in=merged["themes"]),
        )


@transaction.atomic
def load_programme(
    *, directory: Path = DEFAULT_DIRECTORY, update: bool = False, dry_run: bool = False
) -> LoadReport:
    """Load the programme of `directory` without undoing anything staff decided.

    - An object of the fixture that the database lacks, and that no earlier load created, is
      created (projects as published on the launch day, the decision taken before the portal).
    - One that an earlier load created and staff then deleted stays deleted (ProgrammeLoadRecord).
    - With `update`, each field of an existing object takes the fixture's value only if staff have
      not changed it since the loader last wrote it (a hash per field); the workflow state
      (status, reference, label and publication dates) is never written to an existing project.
    - `dry_run` does everything, reports the diff and rolls back.

    Idempotent: a second run with the same fixture changes nothing. Objects that exist from a
    load made before these records did are adopted with the fixture's hashes: where they differ
    from the fixture, the database's value is taken as a staff decision and kept.
    """
    data = read_fixture(directory)
    problems = validate(data)
    if problems:
        raise ProgrammeError(problems)
    report = LoadReport()
    keys = _Keys()
    records = {(r.kind, r.key): r for r in ProgrammeLoadRecord.objects.all()}
    # A database loaded before load records existed: programme projects it lacks were deleted by staff.
    adopting = not records and Project.objects.filter(reference__startswith=reference_for(0)[:-4]).exists()

    def sync(kind, key, model, find, desired_of, current_of, create=None):
        record = records.get((kind, key))
        if record is not None and record.object_id is None:
            report.deleted_by_staff.append(f"{kind} {key}")
            return None
        obj = model.objects.filter(pk=record.object_id).first() if record else find()
        if record is not None and obj is None:  # staff deleted what the loader had created
            record.object_id = None
            record.save(update_fields=["object_id", "loaded_at"])
            report.deleted_by_staff.append(f"{kind} {key}")
            return None
        desired = desired_of()
        if obj is None and adopting and kind == "project":
            ProgrammeLoadRecord.objects.create(kind=kind, key=key, object_id=None, field_hashes={})
            report.deleted_by_staff.append(f"{kind} {key}")
            return None
        if obj is None:
            obj = (create or model)()
            _write(obj, desired)
            ProgrammeLoadRecord.objects.create(
                kind=kind, key=key, object_id=obj.pk, field_hashes={f: _hash(v) for f, v in desired.items()}
            )
            report.count(model.__name__, created=True)
            report.diff.append(f"+ {kind} {key}")
            keys.objects[(kind, key)] = obj
            return obj
        keys.objects[(kind, key)] = obj
        if record is None:
            record = ProgrammeLoadRecord(
                kind=kind, key=key, object_id=obj.pk, field_hashes={f: _hash(v) for f, v in desired.items()}
            )
            if kind == "pair":  # pairs are made by the projects; the fixture adds their twinning
                record.field_hashes = {f: _hash(v) for f, v in current_of(obj).items()}
            record.save()
        if not update:
            return obj
        current = current_of(obj)
        changes, kept = {}, []
        for name, value in desired.items():
            if None in (value if isinstance(value, list) else [value]) and name.endswith(("_id", "partners")):
                if value != current[name]:  # a related object staff deleted: keep what is there
                    kept.append(name)
                continue
            if _hash(value) == _hash(current[name]):
                record.field_hashes[name] = _hash(value)
            elif record.field_hashes.get(name) == _hash(current[name]):
                changes[name] = value
                report.diff.append(f"~ {kind} {key} {name}: {current[name]!r} → {value!r}")
            else:
                kept.append(name)
                report.diff.append(f"= {kind} {key} {name}: kept {current[name]!r} (changed by staff)")
        if changes:
            _write(obj, changes)
            record.field_hashes.update({f: _hash(v) for f, v in changes.items()})
            report.count(model.__name__, created=False)
        if kept:
            report.keep(model.__name__)
        record.save()
        return obj

    with services.deferring_derived_refresh():
        for position, t in enumerate(data["themes"], start=1):
            sync(
                "theme",
                t["slug"],
                Theme,
                lambda t=t: Theme.objects.filter(slug=t["slug"]).first(),
                lambda t=t, position=position: _theme_values(t, position, keys),
                _theme_current,
                create=lambda t=t: Theme(slug=t["slug"]),
            )
        for t in data["territories"]:  # parents come before their children in the file
            sync(
                "territory",
                t["key"],
                Territory,
                lambda t=t: Territory.objects.filter(slug=t["key"]).first(),
                lambda t=t: _territory_values(t, keys),
                _territory_current,
                create=lambda t=t: Territory(slug=t["key"]),
            )
        for p in data["partners"]:
            sync(
                "partner",
                p["key"],
                Partner,
                lambda p=p: Partner.objects.filter(slug=p["key"]).first(),
                lambda p=p: _partner_values(p, keys),
                _partner_current,
                create=lambda p=p: Partner(slug=p["key"]),
            )
        for p in data["projects"]:
            reference = reference_for(p["ref"])
            sync(
                "project",
                reference,
                Project,
                lambda reference=reference: Project.objects.filter(reference=reference).first(),
                lambda p=p: _project_values(p, keys),
                _project_current,
                create=lambda p=p, reference=reference: _new_project(p, reference, keys),
            )
        for pair in data["pairs"]:
            french, russian = keys.pk("partner", pair["french"]), keys.pk("partner", pair["russian"])
            found = PartnerPair.objects.filter(french_partner=french, russian_partner=russian).first()
            if found is None:  # one of its partners or every project bringing them together was deleted
                continue
            key = f"{pair['french']}--{pair['russian']}"
            record = records.get(("pair", key))
            if record is None:  # first load: the fixture's twinning is written
                _write(found, _pair_values(pair, keys))
                ProgrammeLoadRecord.objects.create(
                    kind="pair",
                    key=key,
                    object_id=found.pk,
                    field_hashes={f: _hash(v) for f, v in _pair_values(pair, keys).items()},
                )
            else:
                sync(
                    "pair",
                    key,
                    PartnerPair,
                    lambda found=found: found,
                    lambda pair=pair: _pair_values(pair, keys),
                    _pair_current,
                )
    if dry_run:
        transaction.set_rollback(True)
    return report


def _new_project(p, reference, keys) -> Project:
    """A project of the programme as it was on its launch day: labelled and published then."""
    labelled_on = date.fromisoformat(settings.PROGRAMME_PUBLISHED_ON)
    partners = [
        Partner.objects.get(pk=keys.pk("partner", k)) for k in p["french_partners"] + p["russian_partners"]
    ]
    project = Project(reference=reference, slug=project_slug(p["title"]["fr"], partners))
    # The decision taken before the portal existed, recorded by the loader: the workflow's state of
    # a new project of the programme. It never changes the state of an existing project.
    project._loader_state = {
        "status": LabellingStatus.PUBLISHED,
        "labelled_on": labelled_on,
        "published_at": datetime.combine(labelled_on, time(12), tzinfo=ZoneInfo(settings.TIME_ZONE)),
    }
    return project
