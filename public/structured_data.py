"""schema.org descriptions (JSON-LD) of public pages, for search engines and share previews."""

from django.conf import settings

from events.models import Side
from events.periods import Precision


def place(territory, request) -> dict:
    return {
        "@type": "Place",
        "name": territory.name,
        "url": request.build_absolute_uri(territory.get_absolute_url()),
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": float(territory.latitude),
            "longitude": float(territory.longitude),
        },
        "address": {"@type": "PostalAddress", "addressCountry": territory.country},
    }


def organization(partner, request) -> dict:
    return {
        "@type": "Organization",
        "name": partner.name,
        "url": request.build_absolute_uri(partner.get_absolute_url()),
        "location": place(partner.territory, request),
    }


def project_event(project, request) -> dict:
    """An Event with the planned interval; a fuzzy period is given as its whole interval."""
    partners = [organization(p, request) for p in project.participants(Side.FRENCH)]
    partners += [organization(p, request) for p in project.participants(Side.RUSSIAN)]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": project.title,
        "description": project.description or project.title,
        "url": request.build_absolute_uri(project.get_absolute_url()),
        "identifier": project.reference,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
        "organizer": partners,
        "location": [o["location"] for o in partners],
        "keywords": ", ".join(t.name for t in project.themes.all()),
        "isPartOf": {
            "@type": "EventSeries",
            "name": "Franco-Russian Year of Decentralised Cooperation",
            "startDate": f"{settings.PROGRAMME_YEAR}-01-01",
            "endDate": f"{settings.PROGRAMME_YEAR}-12-31",
        },
    }
    if project.planned_precision != Precision.UNKNOWN:
        data["startDate"] = project.planned_start.isoformat()
        data["endDate"] = project.planned_end.isoformat()
    return data


def territory_place(territory, request) -> dict:
    return {"@context": "https://schema.org", **place(territory, request)}


def partner_organization(partner, request) -> dict:
    return {"@context": "https://schema.org", **organization(partner, request)}
