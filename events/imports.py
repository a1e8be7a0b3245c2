"""Importing projects from the spreadsheets staff really have, in two steps: preview, then confirm.

1. `read_spreadsheet` reads an XLSX workbook (dates as Excel dates or serial numbers) or a CSV file
   as French Excel writes it (Windows-1252 or UTF-8 with or without BOM, `;` or `,`), and
   `start_import` keeps its rows in a ProjectImport. Nothing else is written.
2. `analyse` says, for each row, how every region, partner, place and theme was matched (exact,
   tolerant: same letters once case, accents, apostrophes, hyphens and script are set aside,
   suggestion: a near miss, new: to be created from a place found in the gazetteer), which
   existing projects it may duplicate, and what is wrong with it, in the staff member's language
   and with the spreadsheet's own row numbers (the header is row 1).
3. `confirm_import` runs the import at once for a small file, or enqueues `run_import` on the task
   queue for a large one. The rows are analysed again (the database may have changed since the
   preview); one bad row and nothing is written. New projects are *proposed*, never labelled or
   published, and linked to their import ("imported, not yet submitted" while not submitted); a
   row identical to its project (an export imported back) writes nothing, not even history.

The columns are those of the export (events.resources.ProjectResource), plus the optional
`french_place` and `russian_place`: the places of partners that do not exist yet.
"""

import csv
import difflib
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from partners import gazetteer
from partners.models import Country, Partner, PartnerKind, Territory, TerritoryKind
from partners.services import place_from_gazetteer, unique_slug

from . import search
from .models import ImportState, Project, ProjectImport, Side, Theme, check_side
from .periods import parse_planned
from .resources import SEPARATOR, ProjectResource
from .services import derive_french_region, generate_planned_wording, project_slug, set_participants
from .spreadsheets import restore_formula_text
from .typography import FRENCH_MONTHS

logger = logging.getLogger(__name__)

# The export's columns (an export imported back changes nothing), and the places of new partners.
COLUMNS = (*ProjectResource.Meta.fields, "french_place", "russian_place")
TEXT_FIELDS = {
    "title": "title_fr",
    "description": "description_fr",
    "title_ru": "title_ru",
    "title_en": "title_en",
    "description_ru": "description_ru",
    "description_en": "description_en",
}
MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024
EXCEL_EPOCH = date(1899, 12, 30)
SUGGESTION_CUTOFF = 0.75


class SpreadsheetError(ValueError):
    """A file that cannot be read as a spreadsheet; its message is for the staff member."""


# Reading ---------------------------------------------------------------------------------------


def _header_key(text) -> str:
    return re.sub(r"[^a-z_]", "", search.fold(str(text or "")).replace(" ", "_"))


def _excel_serial(value: float) -> date:
    return EXCEL_EPOCH + timedelta(days=int(value))


def _date_wording(day: date) -> str:
    """A date as the programme words it, which `parse_planned` reads: "1er juillet 2021"."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {FRENCH_MONTHS[day.month - 1]} {day.year}"


_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:]+)?\s*$")
_SERIAL = re.compile(r"^\s*(\d{5})(?:[.,]0+)?\s*$")


def _planned_text(value) -> str:
    """The planned date cell as a wording: Excel dates, serial numbers and numeric dates become
    "14 octobre 2021"; any other text is kept as it is."""
    if isinstance(value, datetime):
        return _date_wording(value.date())
    if isinstance(value, date):
        return _date_wording(value)
    if isinstance(value, int | float):
        return _date_wording(_excel_serial(value))
    text = str(value or "").strip()
    try:
        if m := _SERIAL.match(text):
            return _date_wording(_excel_serial(int(m.group(1))))
        if m := _NUMERIC_DATE.match(text):
            return _date_wording(date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
        if m := _ISO_DATE.match(text):
            return _date_wording(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    except ValueError:  # 31/02/2021: left as written, the analysis reports it
        return text
    return text


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return restore_formula_text(unicodedata.normalize("NFC", str(value))).strip()


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows_from_csv(data: bytes) -> list[tuple[int, list]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(reader.line_num, row) for row in reader]


def _rows_from_xlsx(data: bytes) -> list[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise SpreadsheetError(_("This file is not a readable Excel workbook (.xlsx).")) from error
    sheet = workbook.worksheets[0]
    rows = [(number, list(row)) for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    workbook.close()
    return rows


def read_spreadsheet(data: bytes, file_name: str) -> tuple[list[str], list[dict]]:
    """(recognised headers, rows) of an uploaded file; each row is {"row": its number in the
    spreadsheet, column: text}. Raises SpreadsheetError with a message for staff."""
    if not data:
        raise SpreadsheetError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(_("The file is larger than 10 MB: split it into several files."))
    if data.startswith(b"PK"):
        raw = _rows_from_xlsx(data)
    elif file_name.lower().endswith((".xls", ".ods")):
        raise SpreadsheetError(_("Save the file as Excel workbook (.xlsx) or CSV, then upload it again."))
    else:
        raw = _rows_from_csv(data)
    raw = [(n, cells) for n, cells in raw if any(_cell_text(c) for c in cells)]
    if not raw:
        raise SpreadsheetError(_("The file has no rows."))
    header_number, header_cells = raw[0]
    headers = [_header_key(cell) for cell in header_cells]
    if "title" not in headers:
        raise SpreadsheetError(
            _("Row %(row)d should name the columns (title, french_partner, …): download the template.")
            % {"row": header_number}
        )
    rows = []
    for number, cells in raw[1:]:
        row = {"row": number}
        for header, value in zip(headers, cells, strict=False):
            if header == "planned_date":
                row[header] = _planned_text(value)
            elif header:
                row[header] = _cell_text(value)
        rows.append(row)
    if len(rows) > MAX_ROWS:
        raise SpreadsheetError(
            _("The file has more than %(count)d rows: split it into several files.") % {"count": MAX_ROWS}
        )
    return [h for h in headers if h], rows


# Matching names ---------------------------------------------------------------------------------


def folded(text: str) -> str:
    """Case, accents, apostrophes (straight or curly), hyphens and script set aside (events.search)."""
    return " ".join(search.to_latin(word) for word in search.fold(text).split())


def _split(value) -> list[str]:
    return [part.strip() for part in str(value or "").split(SEPARATOR) if part.strip()]


@dataclass
class Match:
    column: str
    text: str
    status: str  # exact, tolerant, suggestion, new, unknown
    obj: object = None
    suggestion: str = ""
    place: object = None  # for a new partner: its Territory, or a gazetteer.Place to create

    def as_dict(self):
        label = str(self.obj) if self.obj is not None else ""
        return {
            "column": self.column,
            "text": self.text,
            "status": self.status,
            "label": label,
            "suggestion": self.suggestion,
        }


class Names:
    """Every name (in each language, slugs and alternative spellings) of one kind of object."""

    def __init__(self, objects, names_of):
        self.exact, self.tolerant = {}, {}
        for obj in objects:
            for name in names_of(obj):
                if name:
                    self.exact.setdefault(name.strip().casefold(), obj)
                    self.tolerant.setdefault(folded(name), obj)

    def match(self, column: str, text: str, *, suggestions=()) -> Match:
        if (obj := self.exact.get(text.casefold())) is not None:
            return Match(column, text, "exact", obj)
        key = folded(text)
        if (obj := self.tolerant.get(key)) is not None:
            return Match(column, text, "tolerant", obj)
        close = difflib.get_close_matches(key, list(self.tolerant), n=1, cutoff=SUGGESTION_CUTOFF)
        if not close:  # "Douarnenez" for "Ville de Douarnenez": a name that contains the words
            close = [name for name in self.tolerant if key and f" {key} " in f" {name} "][:1]
        if close:
            return Match(column, text, "suggestion", suggestion=str(self.tolerant[close[0]]))
        for suggestion in suggestions:
            return Match(column, text, "suggestion", suggestion=suggestion)
        return Match(column, text, "unknown")


def _own_names(t):
    return [t.name_fr, t.name_ru, t.name_en, t.slug]


def _territory_names(t):
    return [*_own_names(t), *t.alternative_names_list]


# Places that stand for a town: one of them named like a region's alternative spelling ("Пермь",
# among those of Пермский край) is the town. A federal city is a town itself.
TOWN_KINDS = (TerritoryKind.CITY, TerritoryKind.VILLAGE, TerritoryKind.AREA)


@dataclass
class Catalogue:
    """What the rows are matched against, read once per analysis."""

    regions: Names
    territories: Names
    towns: Names  # towns by their own names only, not their alternative spellings
    partners: Names
    themes: Names
    projects: list = field(default_factory=list)
    by_pk: dict = field(default_factory=dict)

    @classmethod
    def load(cls):
        territories = list(Territory.objects.all())
        projects = list(Project.objects.prefetch_related("participations", "themes").order_by("pk"))
        return cls(
            regions=Names([t for t in territories if t.kind == TerritoryKind.REGION], _territory_names),
            territories=Names([t for t in territories if t.kind != TerritoryKind.COUNTRY], _territory_names),
            towns=Names([t for t in territories if t.kind in TOWN_KINDS], _own_names),
            partners=Names(
                Partner.objects.select_related("territory"),
                lambda p: [p.name_fr, p.name_ru, p.name_en, p.slug],
            ),
            themes=Names(Theme.objects.all(), lambda t: [t.name_fr, t.name_ru, t.name_en, t.slug]),
            projects=projects,
            by_pk={p.pk: p for p in projects},
        )


def _place_match(catalogue: Catalogue, column: str, text: str, country: str) -> Match:
    """A partner's place: a territory we have, else a place of the gazetteer (new). A name that
    reaches a region only through one of its alternative spellings, and is also a town's own name
    (one of ours, else one of the gazetteer's), is the town: "Пермь" is Perm, not Пермский край,
    whose spellings list its capital's name; "Пермский край" and "Région de Perm" stay the krai."""
    match = catalogue.territories.match(column, text)
    if match.obj is not None and match.obj.country != country:
        match = Match(column, text, "unknown")
    if match.status in ("exact", "tolerant") and _only_an_alternative_spelling_of_a_region(match):
        town = catalogue.towns.match(column, text)
        if town.status in ("exact", "tolerant") and town.obj.country == country:
            return town
        if homonyms := gazetteer.find(text, country=country):
            return Match(column, text, "new", suggestion=homonyms[0].label, place=homonyms[0])
    if match.status in ("exact", "tolerant"):
        return match
    if place := gazetteer.resolve(text, country=country):
        return Match(column, text, "new", suggestion=place.label, place=place)
    nearby = [p.label for p in gazetteer.search(text, country=country, limit=1)]
    if match.status == "suggestion" or not nearby:
        return match
    return Match(column, text, "suggestion", suggestion=nearby[0])


def _only_an_alternative_spelling_of_a_region(match: Match) -> bool:
    territory = match.obj
    if territory.kind in TOWN_KINDS or territory.kind == TerritoryKind.FEDERAL_CITY:
        return False
    key = folded(match.text)
    return all(folded(name) != key for name in _own_names(territory) if name)


# Problems: stored as (code, parameters), worded in the language of whoever reads them ----------

PROBLEMS = {
    "missing_title": gettext_lazy("the title is missing"),
    "no_theme": gettext_lazy("no theme"),
    "unknown": gettext_lazy("unknown %(what)s “%(text)s”"),
    "suggestion": gettext_lazy("unknown %(what)s “%(text)s”: did you mean “%(suggestion)s”?"),
    "new_partner_needs_place": gettext_lazy(
        "unknown partner “%(text)s”: create it first, or give its town in the %(column)s column"
    ),
    "wrong_side": gettext_lazy("“%(text)s” is in %(country)s: it cannot be a partner on the %(side)s side"),
    "bad_date": gettext_lazy(
        "unreadable planned date “%(text)s” (write e.g. “14 octobre 2021” or “juin 2021”)"
    ),
    "unknown_project": gettext_lazy("no project has the id %(text)s"),
    "too_long": gettext_lazy("the %(column)s is longer than %(limit)d characters"),
}
WHAT = {
    "region": gettext_lazy("French region"),
    "french_partner": gettext_lazy("partner"),
    "russian_partner": gettext_lazy("partner"),
    "theme": gettext_lazy("theme"),
    "french_place": gettext_lazy("place"),
    "russian_place": gettext_lazy("place"),
}
STATUS_LABELS = {
    "exact": gettext_lazy("exact"),
    "tolerant": gettext_lazy("tolerant"),
    "suggestion": gettext_lazy("suggestion"),
    "new": gettext_lazy("new"),
    "unknown": gettext_lazy("unknown"),
}
ACTION_LABELS = {
    "create": gettext_lazy("new project"),
    "update": gettext_lazy("changes project"),
    "unchanged": gettext_lazy("unchanged"),
}


def describe(problem: dict) -> str:
    params = dict(problem.get("params", {}))
    if "what" in params:
        params["what"] = WHAT.get(params["what"], params["what"])
    if "side" in params:
        params["side"] = _("French") if params["side"] == Side.FRENCH else _("Russian")
    if "country" in params:
        params["country"] = Country(params["country"]).label
    return str(PROBLEMS[problem["code"]]) % params


def _problem(code, **params):
    return {"code": code, "params": params}


# Analysis --------------------------------------------------------------------------------------


@dataclass
class RowPlan:
    number: int
    values: dict
    matches: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    action: str = "create"
    project: object = None
    region: object = None
    partners: dict = field(default_factory=dict)
    themes: list = field(default_factory=list)
    period: object = None

    def as_dict(self):
        return {
            "row": self.number,
            "title": self.values.get("title", ""),
            "action": self.action,
            "project_id": self.project.pk if self.project else None,
            "matches": [m.as_dict() for m in self.matches],
            "problems": self.problems,
            "duplicates": self.duplicates,
        }


def _match_partners(catalogue, plan: RowPlan, column, place_column, side):
    country = Country.FRANCE if side == Side.FRENCH else Country.RUSSIA
    places = _split(plan.values.get(place_column))
    partners = []
    for index, name in enumerate(_split(plan.values.get(column))):
        match = catalogue.partners.match(column, name)
        if match.status == "unknown" or (match.status == "suggestion" and places):
            place_text = places[min(index, len(places) - 1)] if places else ""
            if place_text:
                place = _place_match(catalogue, place_column, place_text, country)
                plan.matches.append(place)
                if place.status in ("exact", "tolerant", "new"):
                    match = Match(column, name, "new", place=place.obj or place.place)
                elif place.status == "suggestion":
                    plan.problems.append(
                        _problem(
                            "suggestion", what=place_column, text=place_text, suggestion=place.suggestion
                        )
                    )
                else:
                    plan.problems.append(_problem("unknown", what=place_column, text=place_text))
            else:
                plan.problems.append(_problem("new_partner_needs_place", text=name, column=place_column))
        elif match.status == "suggestion":
            plan.problems.append(_problem("suggestion", what=column, text=name, suggestion=match.suggestion))
        if match.obj is not None:
            try:
                check_side(partner=match.obj, side=side)
            except ValidationError:
                plan.problems.append(_problem("wrong_side", text=name, country=match.obj.country, side=side))
        plan.matches.append(match)
        partners.append(match)
    plan.partners[side] = partners


def _duplicates(catalogue, plan: RowPlan) -> list:
    """Existing projects this row may repeat: at least two of same partners, similar title,
    overlapping dates."""
    partner_ids = {m.obj.pk for side in plan.partners.values() for m in side if m.obj is not None}
    title = folded(plan.values.get("title", ""))
    found = []
    for project in catalogue.projects:
        if plan.project is not None and project.pk == plan.project.pk:
            continue
        reasons = []
        theirs = {p.partner_id for p in project.participations.all()}
        if partner_ids and theirs and partner_ids == theirs:
            reasons.append("partners")
        if title and difflib.SequenceMatcher(None, title, folded(project.title_fr)).ratio() >= 0.8:
            reasons.append("title")
        period = plan.period
        if (
            period is not None
            and period.start
            and project.planned_start
            and period.start <= project.planned_end
            and project.planned_start <= period.end
        ):
            reasons.append("dates")
        if len(reasons) >= 2:
            found.append({"id": project.pk, "title": project.title_fr, "reasons": reasons})
    return found[:5]


def _participation_ids(project, side):
    return [p.partner_id for p in project.participations.all() if p.side == side]


def _is_unchanged(plan: RowPlan) -> bool:
    project = plan.project
    for column, attribute in TEXT_FIELDS.items():
        if (plan.values.get(column) or "") != (getattr(project, attribute) or ""):
            return False
    if (plan.values.get("planned_date") or "") != (project.planned_text_fr or ""):
        return False
    if (plan.region.pk if plan.region else None) != project.french_region_id:
        return False
    for side in (Side.FRENCH, Side.RUSSIAN):
        if [m.obj.pk if m.obj else None for m in plan.partners[side]] != _participation_ids(project, side):
            return False
    return {t.pk for t in plan.themes} == {t.pk for t in project.themes.all()}


def analyse_row(catalogue: Catalogue, values: dict) -> RowPlan:
    plan = RowPlan(number=values["row"], values=values)
    project_id = values.get("id", "")
    if project_id:
        plan.project = catalogue.by_pk.get(int(project_id)) if project_id.isdigit() else None
        if plan.project is None:
            plan.problems.append(_problem("unknown_project", text=project_id))
    title = values.get("title", "")
    if not title:
        plan.problems.append(_problem("missing_title"))
    elif len(title) > Project._meta.get_field("title").max_length:
        plan.problems.append(_problem("too_long", column="title", limit=400))
    if region_text := values.get("region", ""):
        match = catalogue.regions.match("region", region_text)
        plan.matches.append(match)
        plan.region = match.obj
        if match.status == "suggestion":
            plan.problems.append(
                _problem("suggestion", what="region", text=region_text, suggestion=match.suggestion)
            )
        elif match.obj is None:
            plan.problems.append(_problem("unknown", what="region", text=region_text))
    _match_partners(catalogue, plan, "french_partner", "french_place", Side.FRENCH)
    _match_partners(catalogue, plan, "russian_partner", "russian_place", Side.RUSSIAN)
    for name in _split(values.get("theme")):
        match = catalogue.themes.match("theme", name)
        plan.matches.append(match)
        if match.obj is not None:
            plan.themes.append(match.obj)
        elif match.status == "suggestion":
            plan.problems.append(_problem("suggestion", what="theme", text=name, suggestion=match.suggestion))
        else:
            plan.problems.append(_problem("unknown", what="theme", text=name))
    if not _split(values.get("theme")):
        plan.problems.append(_problem("no_theme"))
    try:
        plan.period = parse_planned(values.get("planned_date", ""), settings.PROGRAMME_YEAR)
    except ValueError:
        plan.problems.append(_problem("bad_date", text=values.get("planned_date", "")))
    if plan.project is not None:
        plan.action = "update"
        if not plan.problems and _is_unchanged(plan):
            plan.action = "unchanged"
    if plan.action != "unchanged":
        plan.duplicates = _duplicates(catalogue, plan)
    return plan


def analyse(rows: list[dict]) -> list[RowPlan]:
    """Every row's plan: matches, problems, possible duplicates. Reads, never writes."""
    catalogue = Catalogue.load()
    return [analyse_row(catalogue, values) for values in rows]


def preview(project_import: ProjectImport) -> dict:
    """What the preview page shows, worded in the current language."""
    plans = analyse(project_import.rows)
    rows = []
    for plan in plans:
        data = plan.as_dict()
        data["problems"] = [describe(p) for p in plan.problems]
        data["action_label"] = ACTION_LABELS[plan.action]
        for match in data["matches"]:
            match["status_label"] = STATUS_LABELS[match["status"]]
            match["what"] = WHAT.get(match["column"], match["column"])
        rows.append(data)
    ignored = [h for h in project_import.headers if h not in COLUMNS]
    return {
        "rows": rows,
        "errors": sum(1 for r in rows if r["problems"]),
        "ignored_columns": ignored,
        "counts": {a: sum(1 for p in plans if p.action == a) for a in ACTION_LABELS},
    }


# Writing ---------------------------------------------------------------------------------------


def start_import(*, data: bytes, file_name: str, user) -> ProjectImport:
    """Read an uploaded file and keep its rows for the preview; raises SpreadsheetError."""
    headers, rows = read_spreadsheet(data, file_name)
    return ProjectImport.objects.create(
        created_by=user,
        file_name=file_name[:255],
        language=translation.get_language() or settings.LANGUAGE_CODE,
        headers=headers,
        rows=rows,
    )


def _partner(match: Match, side) -> Partner:
    if match.obj is not None:
        return match.obj
    place = match.place
    territory = place if isinstance(place, Territory) else place_from_gazetteer(place)
    country = Country.FRANCE if side == Side.FRENCH else Country.RUSSIA
    existing = Partner.objects.filter(name_fr=match.text, country=country).first()
    if existing:  # two rows of the same file naming the same new partner
        return existing
    return Partner.objects.create(
        slug=unique_slug(Partner, match.text),
        name_fr=match.text,
        name_ru=match.text,
        name_en=match.text,
        kind=PartnerKind.OTHER,
        country=country,
        territory=territory,
    )


def _write(plan: RowPlan, project_import: ProjectImport) -> Project | None:
    values = plan.values
    french = [_partner(m, Side.FRENCH) for m in plan.partners[Side.FRENCH]]
    russian = [_partner(m, Side.RUSSIAN) for m in plan.partners[Side.RUSSIAN]]
    project = plan.project or Project()
    wording_before = project.planned_text_fr if project.pk else None
    for column, attribute in TEXT_FIELDS.items():
        if column in values or project.pk is None:
            # Blank stays blank: the same empty string the admin's forms store.
            setattr(project, attribute, values.get(column) or "")
    project.planned_text_fr = values.get("planned_date") or ""
    period = plan.period
    project.planned_start, project.planned_end, project.planned_precision = (
        period.start,
        period.end,
        period.precision,
    )
    if "region" in values or project.pk is None:
        project.french_region = plan.region
    if project.pk is None:
        derive_french_region(project=project, french=french)
    if project.planned_text_fr != wording_before:
        project.planned_text_ru = project.planned_text_en = ""
        generate_planned_wording(project=project)
    created = project.pk is None
    if created:
        project.slug = project_slug(project.title_fr, french + russian)
    project.save()
    set_participants(project=project, french=french, russian=russian, themes=plan.themes)
    if created:
        project_import.projects.add(project)
    return project


class ImportRefused(Exception):
    """Some rows are wrong: nothing was written. `problems` lists them by row."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


def apply_import(*, project_import: ProjectImport) -> dict:
    """Analyse the stored rows again and write them, all or nothing. Returns the result kept on
    the import; raises ImportRefused (with the rows' problems) when any row is wrong."""
    plans = analyse(project_import.rows)
    problems = [{"row": plan.number, "problems": plan.problems} for plan in plans if plan.problems]
    if problems:
        raise ImportRefused(problems)
    created, updated = [], []
    with transaction.atomic():
        for number, plan in enumerate(plans, start=1):
            if plan.action != "unchanged":
                project = _write(plan, project_import)
                (created if plan.action == "create" else updated).append(project.pk)
            if number % 50 == 0:
                ProjectImport.objects.filter(pk=project_import.pk).update(processed=number)
    return {
        "created": created,
        "updated": updated,
        "unchanged": sum(1 for p in plans if p.action == "unchanged"),
    }


def _finish(project_import: ProjectImport) -> ProjectImport:
    project_import.state = ImportState.RUNNING
    project_import.save(update_fields=["state"])
    with translation.override(project_import.language):
        try:
            project_import.result = apply_import(project_import=project_import)
            project_import.state = ImportState.DONE
        except ImportRefused as refused:
            project_import.result = {"problems": refused.problems}
            project_import.state = ImportState.FAILED
        except Exception:  # a fault of ours or of the database: logged in full, shown to staff plainly
            logger.exception("Import %s of %s failed", project_import.pk, project_import.file_name)
            project_import.result = {"unexpected": True}
            project_import.state = ImportState.FAILED
    project_import.processed = len(project_import.rows)
    project_import.finished_at = timezone.now()
    project_import.save(update_fields=["state", "result", "processed", "finished_at"])
    return project_import


@task()
def run_import(*, import_id: int):
    """Run a confirmed import on the task queue."""
    project_import = ProjectImport.objects.filter(pk=import_id, state=ImportState.QUEUED).first()
    if project_import is None:  # already run (a task delivered twice) or deleted
        return {"skipped": import_id}
    _finish(project_import)
    return {"state": project_import.state}


def confirm_import(*, project_import: ProjectImport) -> ProjectImport:
    """The staff member confirmed the preview: import now (small file) or on the task queue."""
    updated = ProjectImport.objects.filter(pk=project_import.pk, state=ImportState.PREVIEWED).update(
        state=ImportState.QUEUED
    )
    project_import.refresh_from_db()
    if not updated:  # confirmed twice (double click, two tabs): the first one runs
        return project_import
    # Up to IMPORT_INLINE_ROWS rows, the import runs while the staff member waits; beyond, on the queue.
    if len(project_import.rows) <= settings.IMPORT_INLINE_ROWS:
        return _finish(project_import)
    # Enqueued in the same transaction (the database task backend): no task without its import.
    run_import.enqueue(import_id=project_import.pk)
    return project_import


def imported_not_submitted():
    """Projects created by an import and not yet submitted for labelling (for the staff's queue)."""
    return Project.objects.filter(imports__isnull=False, submitted_at__isnull=True).distinct()


def failure_messages(project_import: ProjectImport) -> list[str]:
    """A failed import's problems, worded in the current language with their row numbers."""
    if project_import.result.get("unexpected"):
        return [
            _("The import stopped on an unexpected error and wrote nothing; the technical team can see why.")
        ]
    return [
        _("Row %(row)d: %(problems)s.")
        % {"row": item["row"], "problems": "; ".join(describe(p) for p in item["problems"])}
        for item in project_import.result.get("problems", [])
    ]


# The template staff download -------------------------------------------------------------------


def template_workbook() -> bytes:
    """An XLSX file with the columns, an example row, and sheets listing the valid themes and
    French regions, in the current language."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    lang = translation.get_language() or settings.LANGUAGE_CODE
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("projects")[:31]
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(
        [
            "",
            "Centre-Val de Loire",
            "Ville de Lémeré",
            "Ярославль",
            "Festival d’été franco-russe",
            "Concerts et ateliers dans les deux villes.",
            date(2021, 7, 14),
            Theme.objects.order_by("position").values_list(f"name_{lang}", flat=True).first() or "",
            "Франко-российский летний фестиваль",
            "Franco-Russian summer festival",
            "",
            "",
            "Lémeré",
            "",
        ]
    )
    sheet.cell(row=2, column=COLUMNS.index("planned_date") + 1).number_format = "DD/MM/YYYY"
    notes = workbook.create_sheet(_("how to fill it in")[:31])
    for line in (
        _("One project per row; row 1 names the columns, keep it as it is."),
        _("Leave the id empty for a new project; an id updates that project (as exported)."),
        _("Several partners or themes: separate them with “; ”."),
        _("A partner that does not exist yet: give its town in french_place or russian_place."),
        _("planned_date: an Excel date, or words such as “juin 2021” or “semestre 2”."),
        _("Names are found whatever their case, accents or apostrophes, in French, Russian or English."),
    ):
        notes.append([line])
    themes = workbook.create_sheet(_("themes")[:31])
    for name in Theme.objects.order_by("position").values_list(f"name_{lang}", flat=True):
        themes.append([name])
    regions = workbook.create_sheet(_("French regions")[:31])
    for name in (
        Territory.objects.filter(kind=TerritoryKind.REGION)
        .order_by(f"name_{lang}")
        .values_list(f"name_{lang}", flat=True)
    ):
        regions.append([name])
    for ws in workbook.worksheets:
        ws.column_dimensions["A"].width = 40
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
