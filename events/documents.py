"""The programme as a JSON document: `manage.py export_programme` and the public API share it."""

from django.utils import translation

from .models import Project, Side

LANGUAGES = ("fr", "ru", "en")


def translations(obj, field: str) -> dict:
    return {lang: getattr(obj, f"{field}_{lang}") or "" for lang in LANGUAGES}


def territory_document(territory) -> dict | None:
    if territory is None:
        return None
    return {
        "slug": territory.slug,
        "name": translations(territory, "name"),
        "kind": territory.kind,
        "country": territory.country,
    }


def partner_document(partner) -> dict:
    return {
        "slug": partner.slug,
        "name": translations(partner, "name"),
        "kind": partner.kind,
        "country": partner.country,
        "territory": territory_document(partner.territory),
    }


def project_document(project: Project) -> dict:
    """One project in every language; expects the relations of selectors.with_relations."""
    with translation.override("fr"):
        url = project.get_absolute_url()
    return {
        "id": project.pk,
        "reference": project.reference,
        "slug": project.slug,
        "url": url,
        "title": translations(project, "title"),
        "description": translations(project, "description"),
        "themes": [{"slug": t.slug, "name": translations(t, "name")} for t in project.themes.all()],
        "french_partners": [partner_document(p) for p in project.participants(Side.FRENCH)],
        "russian_partners": [partner_document(p) for p in project.participants(Side.RUSSIAN)],
        "other_french_partners": project.has_unnamed_french_partners,
        "other_russian_partners": project.has_unnamed_russian_partners,
        "french_region": territory_document(project.french_region),
        "planned": {
            "text": translations(project, "planned_text"),
            "start": project.planned_start.isoformat() if project.planned_start else None,
            "end": project.planned_end.isoformat() if project.planned_end else None,
            "precision": project.planned_precision,
            # Where the wording comes from: "programme" (the date column), "description" or "title".
            "source": project.planned_source,
        },
        # Where this entry departs from the published programme, in each language ("" if nowhere).
        "editorial_note": translations(project, "editorial_note"),
        "status": project.status,
        # What became of the event once published (the committee's changes, see What's new).
        "event": {
            "status": project.event_status,
            "attendance_mode": project.attendance_mode,
            "previous_planned": {
                "start": project.previous_start.isoformat() if project.previous_start else None,
                "end": project.previous_end.isoformat() if project.previous_end else None,
                "precision": project.previous_precision,
            }
            if project.previous_precision
            else None,
            "sequence": project.event_sequence,
        },
        "labelled_on": project.labelled_on.isoformat() if project.labelled_on else None,
    }


def programme_document(projects) -> dict:
    results = [project_document(p) for p in projects]
    return {"count": len(results), "results": results}
