"""The history of a project as a diff a person reads: field labels in the reader's language, old →
new values as the admin shows them (choices by label, localised dates, yes/no, "—" for nothing).

django-simple-history keeps one row per version (events.translation registers it, with the themes
through its m2m support and the partners of each side written out in `partners_text`).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partners.models import Territory

from .models import Project, Side, Theme

# The fields a reader follows, in the order of the change form.
TRACKED = (
    "title_fr",
    "title_ru",
    "title_en",
    "slug",
    "description_fr",
    "description_ru",
    "description_en",
    "themes",
    "partners_text",
    "editorial_note_fr",
    "editorial_note_ru",
    "editorial_note_en",
    "french_region",
    "has_unnamed_french_partners",
    "has_unnamed_russian_partners",
    "planned_start",
    "planned_end",
    "planned_precision",
    "planned_text_fr",
    "planned_text_ru",
    "planned_text_en",
    "planned_source",
    "status",
    "reference",
    "submitted_at",
    "labelled_on",
    "published_at",
    "withdrawn_reason",
)
LANGUAGE_NAMES = {"fr": _("French"), "ru": _("Russian"), "en": _("English")}
EMPTY = "—"


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


def partners_text(project) -> str:
    """Both sides' partners as one line each, as the history keeps them."""
    participations = list(project.participations.select_related("partner").order_by("side", "position", "id"))
    lines = []
    for side in (Side.FRENCH, Side.RUSSIAN):
        names = [p.partner.name_fr for p in participations if p.side == side]
        if names:
            lines.append(f"{side}: " + "; ".join(names))
    return "\n".join(lines)


def fill_partners(sender, history_instance, **kwargs):
    """pre_create_historical_record: each version keeps its partners as text."""
    instance = kwargs.get("instance")
    if instance is not None and instance.pk:
        history_instance.partners_text = partners_text(instance)


def complete_latest_version(project) -> None:
    """After the admin saved the project's themes and partners (after the project itself), make the
    version it just recorded carry them, and the French region taken from them, rather than the
    ones of before."""
    record = project.history.order_by("-history_date", "-history_id").first()
    if record is None:
        return
    record.partners_text = partners_text(project)
    record.french_region_id = project.french_region_id
    record.save(update_fields=["partners_text", "french_region"])
    themes = record.themes  # the historical through rows of this version
    themes.all().delete()
    themes.model.objects.bulk_create(
        [
            themes.model(history=record, id=row.id, project_id=row.project_id, theme_id=row.theme_id)
            for row in Project.themes.through.objects.filter(project=project)
        ]
    )


def record_partners(project) -> None:
    """A new version when a project's partners changed outside the admin form (imports, the
    programme loader, the shell: events.services.set_participants); nothing when they are unchanged."""
    latest = project.history.order_by("-history_date", "-history_id").first()
    if latest is None or latest.partners_text == partners_text(project):
        return
    Project.history.bulk_history_create([project], update=True)
    complete_latest_version(project)


def _label(name: str) -> str:
    if name == "themes":
        return capfirst(gettext("themes"))
    if name == "partners_text":
        return capfirst(gettext("partners"))
    if name == "french_region":
        return capfirst(gettext("French region"))
    base, _sep, lang = name.rpartition("_")
    if lang in LANGUAGE_NAMES:
        field = Project._meta.get_field(base)
        return f"{capfirst(field.verbose_name)} ({LANGUAGE_NAMES[lang]})"
    return capfirst(Project._meta.get_field(name).verbose_name)


def _side_names(text: str) -> str:
    names = {Side.FRENCH.value: Side.FRENCH.label, Side.RUSSIAN.value: Side.RUSSIAN.label}
    lines = []
    for line in text.splitlines():
        side, _sep, rest = line.partition(": ")
        side = capfirst(names.get(side, side))
        lines.append(gettext("%(side)s: %(partners)s") % {"side": side, "partners": rest})
    return " · ".join(lines)


def format_value(name: str, value, *, regions=None, themes=None) -> str:
    """A value as the reader expects it, in the active language."""
    if name == "themes":
        return ", ".join(themes[pk] for pk in sorted(value, key=lambda pk: themes[pk])) if value else EMPTY
    if value is None or value == "":
        return EMPTY
    if name == "partners_text":
        return _side_names(value)
    if name == "french_region":
        return regions.get(value, EMPTY)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    field = Project._meta.get_field(name.rpartition("_")[0] if name.endswith(("_fr", "_ru", "_en")) else name)
    if isinstance(field, models.Field) and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _values(record, theme_ids) -> dict:
    values = {
        name: "" if getattr(record, name) is None else getattr(record, name)
        for name in TRACKED
        if name not in ("themes", "french_region")
    }
    values["french_region"] = record.french_region_id
    values["themes"] = theme_ids.get(record.history_id, frozenset())
    return values


def readable_changes(records) -> dict[int, list[Change]]:
    """{history_id: [Change, …]} for each of `records` (newest first, as the admin lists them),
    compared with the version before it; the first version lists what it was created with."""
    records = list(records)
    if not records:
        return {}
    model = type(records[0])
    project_id = records[0].id
    # The previous version of the oldest record shown (the page may start in the middle).
    oldest = records[-1]
    before = (
        model.objects.filter(id=project_id)
        .filter(models.Q(history_date__lt=oldest.history_date))
        .order_by("-history_date", "-history_id")
        .first()
    )
    chain = records + ([before] if before else [])
    through = records[0].themes.model  # the historical through table of the themes
    theme_ids = {}
    for history_id, theme_id in through.objects.filter(history__in=[r.history_id for r in chain]).values_list(
        "history_id", "theme_id"
    ):
        theme_ids.setdefault(history_id, set()).add(theme_id)
    theme_ids = {k: frozenset(v) for k, v in theme_ids.items()}
    themes = {t.pk: t.name for t in Theme.objects.all()}
    region_ids = {r.french_region_id for r in chain if r.french_region_id}
    regions = {t.pk: t.name for t in Territory.objects.filter(pk__in=region_ids)}
    changes = {}
    for index, record in enumerate(chain[: len(records)]):
        previous = chain[index + 1] if index + 1 < len(chain) else None
        new = _values(record, theme_ids)
        old = _values(previous, theme_ids) if previous else None
        rows = []
        for name in TRACKED:
            if old is not None and old[name] == new[name]:
                continue
            if old is None and new[name] in (None, "", frozenset(), False):
                continue
            rows.append(
                Change(
                    _label(name),
                    format_value(name, old[name], regions=regions, themes=themes) if old else EMPTY,
                    format_value(name, new[name], regions=regions, themes=themes),
                )
            )
        changes[record.history_id] = rows
    return changes
