"""Whether a translation still follows its French source.

The French text is the source (docs/translation-brief.md). When a translation of a title or a
description is written, the hash of the French text it translates is kept on the project
(`Project.translation_sources`, {"ru": {"title": hash, …}, "en": {…}}). When the French text later
changes, the hash no longer matches and the translation is flagged "out of date" in the admin, until
someone updates the translation or confirms that it is still correct.
"""

import hashlib

TRANSLATED_FIELDS = ("title", "description")
TARGET_LANGUAGES = ("ru", "en")


def source_hash(text: str | None) -> str:
    return hashlib.sha256((text or "").strip().encode()).hexdigest()[:16]


def _translation(project, field, lang) -> str:
    return (getattr(project, f"{field}_{lang}", "") or "").strip()


def mark_translated(project, lang: str, fields=TRANSLATED_FIELDS) -> None:
    """Record that the `lang` translation of `fields` follows the current French text."""
    sources = dict(project.translation_sources or {})
    recorded = dict(sources.get(lang, {}))
    for field in fields:
        if _translation(project, field, lang):
            recorded[field] = source_hash(getattr(project, f"{field}_fr"))
        else:
            recorded.pop(field, None)
    sources[lang] = recorded
    project.translation_sources = sources


def baseline(project) -> None:
    """A translation with no recorded source (written by the programme loader, an import, the shell)
    is taken to follow the French text of the moment; an emptied translation forgets its source."""
    sources = {lang: dict(values) for lang, values in (project.translation_sources or {}).items()}
    for lang in TARGET_LANGUAGES:
        recorded = sources.setdefault(lang, {})
        for field in TRANSLATED_FIELDS:
            if not _translation(project, field, lang):
                recorded.pop(field, None)
            elif field not in recorded:
                recorded[field] = source_hash(getattr(project, f"{field}_fr"))
    project.translation_sources = sources


def out_of_date(project) -> dict[str, list[str]]:
    """{language: [field, …]} of the translations whose French source changed since they were written."""
    stale = {}
    for lang in TARGET_LANGUAGES:
        recorded = (project.translation_sources or {}).get(lang, {})
        fields = [
            field
            for field in TRANSLATED_FIELDS
            if _translation(project, field, lang)
            and field in recorded
            and recorded[field] != source_hash(getattr(project, f"{field}_fr"))
        ]
        if fields:
            stale[lang] = fields
    return stale


def out_of_date_ids(queryset, lang: str | None = None) -> list[int]:
    """Ids of the projects of `queryset` with a translation out of date (in `lang`, or in any)."""
    columns = ["pk", "translation_sources"] + [
        f"{field}_{code}" for field in TRANSLATED_FIELDS for code in ("fr", *TARGET_LANGUAGES)
    ]
    ids = []
    for row in queryset.order_by().values(*columns):
        stale = out_of_date(_Row(row))
        if (lang is None and stale) or (lang is not None and lang in stale):
            ids.append(row["pk"])
    return ids


class _Row:
    """A values() row read like a project (attributes), for out_of_date()."""

    def __init__(self, row):
        self.__dict__.update(row)


def keep_baseline(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save of Project: every translation gets a recorded source the first time it is saved."""
    if raw:
        return
    if update_fields is not None and "translation_sources" not in update_fields:
        return
    baseline(instance)
