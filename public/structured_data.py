"""schema.org descriptions (JSON-LD) of public pages, for search engines and share previews."""

from django.conf import settings
from django.urls import reverse

from events.models import AttendanceMode, EventStatus, Side
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


EVENT_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.RESCHEDULED: "https://schema.org/EventRescheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.MOVED_ONLINE: "https://schema.org/EventMovedOnline",
}
ATTENDANCE_MODE = {
    AttendanceMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
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
        "eventStatus": EVENT_STATUS[project.event_status],
        "eventAttendanceMode": ATTENDANCE_MODE[project.attendance_mode],
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
    if project.event_status == EventStatus.RESCHEDULED and project.previous_start:
        data["previousStartDate"] = project.previous_start.isoformat()
    return data


def territory_place(territory, request) -> dict:
    return {"@context": "https://schema.org", **place(territory, request)}


def partner_organization(partner, request) -> dict:
    return {"@context": "https://schema.org", **organization(partner, request)}


def open_data_catalogue(request, *, licence_url: str, modified=None) -> dict:
    """A schema.org Dataset describing the open data (harvestable by national open-data portals),
    with one DataDownload per format; the addresses are absolute."""

    def download(name, media_type, description):
        return {
            "@type": "DataDownload",
            "encodingFormat": media_type,
            "contentUrl": request.build_absolute_uri(reverse(name)),
            "description": description,
        }

    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": "Programme of the Franco-Russian Year of Decentralised Cooperation 2021",
        "alternateName": [
            "Programme de l’Année franco-russe de la coopération décentralisée 2021",
            "Программа Российско-французского года децентрализованного сотрудничества 2021",
        ],
        "description": (
            "Every published project of the Franco-Russian Year of Decentralised Cooperation 2021: titles"
            " and descriptions in French, Russian and English, themes, French and Russian partners and their"
            " places, planned periods, labelling status and reference. Updated as projects are labelled."
        ),
        "url": request.build_absolute_uri(),
        "license": licence_url,
        "isAccessibleForFree": True,
        "inLanguage": ["fr", "ru", "en"],
        "keywords": ["decentralised cooperation", "France", "Russia", "local authorities", "twinning"],
        "temporalCoverage": f"{settings.PROGRAMME_YEAR}-01-01/{settings.PROGRAMME_YEAR}-12-31",
        "spatialCoverage": [
            {"@type": "Country", "name": "France"},
            {"@type": "Country", "name": "Russia"},
        ],
        "creator": {"@type": "Organization", "name": "Franco-Russian Year of Decentralised Cooperation 2021"},
        "distribution": [
            download("api-projects", "application/json", "Projects, paginated (see the OpenAPI description)"),
            download("api-projects-csv", "text/csv", "Projects, one row each, one column per language"),
            download(
                "api-projects-xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "Projects as a spreadsheet",
            ),
            download("api-projects-ics", "text/calendar", "Projects as an iCalendar file"),
            download("api-themes", "application/json", "Themes"),
            download("api-territories", "application/json", "Territories with their coordinates"),
            download("api-openapi", "application/vnd.oai.openapi+json", "OpenAPI 3.1 description of the API"),
        ],
    }
    if modified:
        data["dateModified"] = modified.isoformat()
    return data
