"""A full export of the programme that can be restored: every project whatever its status, with
its workflow state and log, partners, places, pairs, themes, label counters, the loader's records
and the permanent links of renamed pages.

`manage.py export_programme --all > programme.json` writes it; `manage.py load_programme --from
programme.json` restores it into a database without a programme (`--replace` empties the programme
first), keeping every id, so that /p/<id>/ links and the admin's addresses stay valid. The database
backups of docs/backup.md keep everything else (staff accounts, the history of edits).
"""

import json
from datetime import UTC, datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Count

from partners.models import Partner, PartnerPair, Territory

from .models import (
    LabelCounter,
    Participation,
    ProgrammeChange,
    ProgrammeLoadRecord,
    Project,
    StatusChange,
    Theme,
)

FORMAT = "fr-ru-portal-programme"
VERSION = 1

# In the order they are restored (what a row points to comes first) and deleted (reversed).
MODELS = (
    Theme,
    Territory,
    Partner,
    PartnerPair,
    Project,
    Participation,
    StatusChange,
    ProgrammeChange,
    LabelCounter,
)
# Logs whose author is a staff account: the export names them by username.
AUTHORED = {StatusChange: "events.statuschange", ProgrammeChange: "events.programmechange"}


class BackupError(Exception):
    pass


def _territories_parents_first():
    depth = {}
    territories = list(Territory.objects.order_by("pk"))
    by_pk = {t.pk: t for t in territories}

    def level(t):
        if t.pk not in depth:
            depth[t.pk] = 0 if t.parent_id is None else level(by_pk[t.parent_id]) + 1
        return depth[t.pk]

    return sorted(territories, key=lambda t: (level(t), t.pk))


def export_programme_document() -> dict:
    """Everything the programme is made of, as one JSON-ready document."""
    usernames = dict(get_user_model().objects.values_list("pk", "username"))
    objects = []
    for model in MODELS:
        rows = _territories_parents_first() if model is Territory else model.objects.order_by("pk")
        for row in serializers.serialize("python", rows):
            if model in AUTHORED:  # people are not part of the export: their username is
                row["fields"]["changed_by"] = usernames.get(row["fields"]["changed_by"])
            objects.append(row)
    records = serializers.serialize("python", ProgrammeLoadRecord.objects.order_by("pk"))
    redirects = list(
        Redirect.objects.filter(site=Site.objects.get_current())
        .order_by("old_path")
        .values("old_path", "new_path")
    )
    counts = {model._meta.label: model.objects.count() for model in MODELS}
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": counts,
        "objects": objects + records,
        "redirects": redirects,
    }


def export_programme_json() -> str:
    return json.dumps(export_programme_document(), ensure_ascii=False, indent=1, default=str)


def _read(path) -> dict:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path} cannot be read as a programme export: {exc}") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(f"{path} is not a programme export (made by manage.py export_programme --all).")
    if document.get("version") != VERSION:
        raise BackupError(
            f"{path} is an export of version {document.get('version')}; this portal reads {VERSION}."
        )
    return document


def _empty_programme() -> None:
    for model in (
        ProgrammeLoadRecord,
        LabelCounter,
        ProgrammeChange,
        StatusChange,
        Participation,
        Project,
        PartnerPair,
        Partner,
    ):
        model.objects.all().delete()
    # Places point to their parents (PROTECT): the deepest first.
    while Territory.objects.exists():
        Territory.objects.annotate(n=Count("children")).filter(n=0).delete()
    Theme.objects.all().delete()


@transaction.atomic
def restore_programme(*, path, replace: bool = False, dry_run: bool = False) -> dict:
    """Restore an export into this database; all or nothing. Returns the number of rows per model."""
    document = _read(path)
    existing = Project.objects.count()
    if existing and not replace:
        raise BackupError(
            f"The database already holds a programme ({existing} projects): restore into an empty database, "
            "or add --replace to delete it first."
        )
    _empty_programme()
    users = dict(get_user_model().objects.values_list("username", "pk"))
    rows = []
    for row in document["objects"]:
        if row["model"] in AUTHORED.values():
            row = {**row, "fields": {**row["fields"], "changed_by": users.get(row["fields"]["changed_by"])}}
        rows.append(row)
    counts = {}
    try:
        with connection.constraint_checks_disabled():
            for obj in serializers.deserialize("python", rows):
                obj.save()
                label = obj.object._meta.label
                counts[label] = counts.get(label, 0) + 1
        connection.check_constraints()
    except Exception as exc:  # any broken row: nothing is restored, and the reason is told
        raise BackupError(f"The export could not be restored, nothing was changed: {exc}") from exc
    site = Site.objects.get_current()
    for redirect in document.get("redirects", []):
        Redirect.objects.update_or_create(site=site, old_path=redirect["old_path"], defaults=redirect)
    with connection.cursor() as cursor:  # ids were given explicitly: new rows continue after them
        for sql in connection.ops.sequence_reset_sql(no_style(), [*MODELS, ProgrammeLoadRecord]):
            cursor.execute(sql)
    expected = {label: n for label, n in document.get("counts", {}).items() if n}
    restored = {label: n for label, n in counts.items() if label in expected}
    if restored != expected:
        raise BackupError(f"The export is incomplete: it announces {expected}, it holds {restored}.")
    if dry_run:
        transaction.set_rollback(True)
    return counts
