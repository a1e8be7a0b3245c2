"""OpenAPI 3.1 description of the public API (`/api/openapi.json`) and the data for its reference page.

Kept beside the API code (public.api, events.documents) so that a change of a document changes its
description in the same commit; tests/public/test_openapi.py checks every documented property against
real documents, validates the description and runs Schemathesis against the live API.
"""

from django.conf import settings
from django.urls import reverse

from events.models import AttendanceMode, EventStatus, LabellingStatus, PlannedSource
from events.periods import Precision
from partners.models import Country, PartnerKind, TerritoryKind

from .api import MAX_PAGE_SIZE

LICENCE = {
    "name": "Licence Ouverte 2.0 (Etalab)",
    "identifier": "etalab-2.0",
}
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict, description: str = "") -> dict:
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def _enum(choices) -> dict:
    return {"type": "string", "enum": [value for value, _label in choices.choices]}


DATE = {"type": "string", "format": "date"}


def schemas() -> dict:
    return {
        "Translated": _object(
            {lang: {"type": "string"} for lang in ("fr", "ru", "en")},
            "One text in French (the source), Russian and English; an empty string when not written.",
        ),
        "TerritoryRef": _object(
            {
                "slug": {"type": "string"},
                "name": _ref("Translated"),
                "kind": _enum(TerritoryKind),
                "country": _enum(Country),
            }
        ),
        "Partner": _object(
            {
                "slug": {"type": "string"},
                "name": _ref("Translated"),
                "kind": _enum(PartnerKind),
                "country": _enum(Country),
                "territory": _nullable(_ref("TerritoryRef")),
            }
        ),
        "ThemeRef": _object({"slug": {"type": "string"}, "name": _ref("Translated")}),
        "Project": _object(
            {
                "id": {"type": "integer", "description": "Stable; the short link is /p/{id}/."},
                "reference": _nullable({"type": "string", "examples": ["FR-RU-2021-0042"]}),
                "slug": {"type": "string"},
                "url": {"type": "string", "description": "Path of the French page (the site's own address)."},
                "title": _ref("Translated"),
                "description": _ref("Translated"),
                "themes": {"type": "array", "items": _ref("ThemeRef")},
                "french_partners": {"type": "array", "items": _ref("Partner")},
                "russian_partners": {"type": "array", "items": _ref("Partner")},
                "other_french_partners": {
                    "type": "boolean",
                    "description": "The programme adds “and others” on the French side.",
                },
                "other_russian_partners": {"type": "boolean"},
                "french_region": _nullable(_ref("TerritoryRef")),
                "planned": _object(
                    {
                        "text": _ref("Translated"),
                        "start": _nullable(DATE),
                        "end": _nullable(DATE),
                        "precision": _enum(Precision),
                        "source": {
                            **_enum(PlannedSource),
                            "description": "Where the wording comes from: the programme's date column, or"
                            " (when it gave none) the description or the title.",
                        },
                    },
                    "The planned interval (inclusive); a fuzzy period (“second half of 2021”) spans the"
                    " whole interval, with its precision. Unknown dates are null.",
                ),
                "editorial_note": {
                    **_ref("Translated"),
                    "description": "Where this entry departs from the published programme ('' if nowhere).",
                },
                "status": _enum(LabellingStatus),
                "event": _object(
                    {
                        "status": {
                            **_enum(EventStatus),
                            "description": "scheduled; postponed (new dates to be announced); rescheduled"
                            " (`planned` is the new period, `previous_planned` the one before); cancelled;"
                            " moved_online.",
                        },
                        "attendance_mode": _enum(AttendanceMode),
                        "previous_planned": _nullable(
                            _object(
                                {
                                    "start": _nullable(DATE),
                                    "end": _nullable(DATE),
                                    "precision": _enum(Precision),
                                },
                                "The period planned before the latest rescheduling.",
                            )
                        ),
                        "sequence": {
                            "type": "integer",
                            "minimum": 0,
                            "description": "How many times the dates, status or attendance changed"
                            " (the iCalendar SEQUENCE).",
                        },
                    },
                    "What became of the event once published; every change is listed on What's new.",
                ),
                "labelled_on": _nullable(DATE),
            },
            "One project of the programme, every text in the three languages.",
        ),
        "ProjectPage": {
            "type": "object",
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "next": _nullable({"type": "string", "format": "uri"}),
                "previous": _nullable({"type": "string", "format": "uri"}),
                "results": {"type": "array", "items": _ref("Project"), "maxItems": MAX_PAGE_SIZE},
                "as_of": {
                    "type": "string",
                    "format": "date-time",
                    "description": "With `updated_since` only: pass this value as the next `updated_since`.",
                },
                "removed": {
                    "type": "array",
                    "items": {"type": "integer"},
                    "description": "With `updated_since` only: ids of projects that left the public "
                    "programme (withdrawn or unpublished) since then.",
                },
            },
            "required": ["count", "next", "previous", "results"],
            "additionalProperties": False,
        },
        "Theme": _object(
            {"slug": {"type": "string"}, "name": _ref("Translated"), "description": _ref("Translated")}
        ),
        "ThemeList": _object(
            {"count": {"type": "integer", "minimum": 0}, "results": {"type": "array", "items": _ref("Theme")}}
        ),
        "Territory": _object(
            {
                "slug": {"type": "string"},
                "name": _ref("Translated"),
                "kind": _enum(TerritoryKind),
                "country": _enum(Country),
                "parent": _nullable(
                    {"type": "string", "description": "Slug of the territory it is part of."}
                ),
                "latitude": {"type": "number", "minimum": -90, "maximum": 90},
                "longitude": {"type": "number", "minimum": -180, "maximum": 180},
            }
        ),
        "TerritoryList": _object(
            {
                "count": {"type": "integer", "minimum": 0},
                "results": {"type": "array", "items": _ref("Territory")},
            }
        ),
        "Errors": _object(
            {
                "errors": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                    "description": "For each parameter that was refused, why (in the site's language).",
                }
            }
        ),
    }


def _parameter(name: str, schema: dict, description: str, example=None) -> dict:
    parameter = {"name": name, "in": "query", "required": False, "schema": schema, "description": description}
    if example is not None:
        parameter["example"] = example
    return parameter


def filter_parameters() -> list:
    """The project list's filters (public.filters.ProjectFilter), shared by every list format."""
    return [
        _parameter(
            "q",
            {"type": "string", "maxLength": 200},
            "Search in every language and script (“Ярославль”, “Iaroslavl”).",
            "Ярославль",
        ),
        _parameter("theme", {"type": "string"}, "A theme's slug (see /api/themes.json).", "sport"),
        _parameter("region", {"type": "string"}, "A French region's slug.", "occitanie"),
        _parameter(
            "territory",
            {"type": "string"},
            "Any place below a country (see /api/territories.json): its projects and those of the places"
            " it contains.",
        ),
        _parameter("partner", {"type": "string"}, "A partner's slug."),
        _parameter(
            "event_status",
            _enum(EventStatus),
            "Projects whose event has this status (e.g. `cancelled`).",
            "postponed",
        ),
        _parameter(
            "month", {"type": "string", "pattern": r"^\d{4}-\d{2}$"}, "Projects meeting a month.", "2021-12"
        ),
        _parameter(
            "quarter",
            {"type": "string", "pattern": r"^\d{4}-[Qq][1-4]$"},
            "Projects meeting a quarter.",
            "2021-Q3",
        ),
        _parameter("date_from", DATE, "Projects planned to end on or after this day."),
        _parameter("date_to", DATE, "Projects planned to start on or before this day."),
        _parameter(
            "sort",
            {"type": "string", "enum": ["date", "-date", "title", "-title", "region", "-region"]},
            "Order; by default programme order (by planned start), or relevance for a search.",
        ),
    ]


def _responses(ok: dict, *, not_found: bool = False) -> dict:
    errors = {"application/json": {"schema": _ref("Errors")}}
    responses = {
        "200": ok,
        "304": {"description": "Not modified since the `If-None-Match` or `If-Modified-Since` given."},
        "400": {
            "description": "A parameter could not be understood: each one with its reason.",
            "content": errors,
        },
    }
    if not_found:
        responses["404"] = {"description": "No such page or project.", "content": errors}
    return responses


def _download(media_type: str, description: str, schema: dict | None = None) -> dict:
    return {
        "description": description,
        "headers": _VALIDATORS,
        "content": {media_type: {"schema": schema or {"type": "string"}}},
    }


_VALIDATORS = {
    "ETag": {"schema": {"type": "string"}},
    "Last-Modified": {"schema": {"type": "string"}, "description": "The latest change to the programme."},
    "Access-Control-Allow-Origin": {"schema": {"type": "string", "const": "*"}},
}


def paths() -> dict:
    lang = _parameter(
        "lang",
        {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]},
        "Language of the texts.",
    )
    pages = [
        _parameter("page", {"type": "integer", "minimum": 1}, "Page number (from 1)."),
        _parameter(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            "Projects per page (50).",
        ),
    ]
    since = _parameter(
        "updated_since",
        {"type": "string", "format": "date-time"},
        "Only the projects changed since this instant (ISO 8601, with its offset), and in `removed` the ids"
        " of those that left the public programme since then. Start with a full download, then pass the"
        " `as_of` of each answer to the next request.",
        "2021-05-03T12:00:00+02:00",
    )
    return {
        reverse("api-projects"): {
            "get": {
                "operationId": "listProjects",
                "summary": "Published projects, filtered and paginated",
                "tags": ["projects"],
                "parameters": [*filter_parameters(), *pages, since],
                "responses": _responses(
                    {
                        "description": "A page of projects.",
                        "headers": _VALIDATORS,
                        "content": {"application/json": {"schema": _ref("ProjectPage")}},
                    },
                    not_found=True,
                ),
            }
        },
        reverse("api-projects-csv"): {
            "get": {
                "operationId": "projectsCsv",
                "summary": "Filtered projects as CSV (UTF-8 with BOM, one column per language)",
                "tags": ["projects"],
                "parameters": filter_parameters(),
                "responses": _responses(_download("text/csv", "The table of projects.")),
            }
        },
        reverse("api-projects-xlsx"): {
            "get": {
                "operationId": "projectsXlsx",
                "summary": "Filtered projects as a spreadsheet (the CSV's columns, every cell text)",
                "tags": ["projects"],
                "parameters": filter_parameters(),
                "responses": _responses(
                    _download(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "The workbook.",
                        {"type": "string", "contentMediaType": "application/octet-stream"},
                    )
                ),
            }
        },
        reverse("api-projects-ics"): {
            "get": {
                "operationId": "projectsCalendar",
                "summary": "Filtered projects as an iCalendar file (RFC 5545), one all-day event each",
                "tags": ["calendars"],
                "parameters": [*filter_parameters(), lang],
                "responses": _responses(_download("text/calendar", "The calendar.")),
            }
        },
        "/api/projects/{id}.ics": {
            "get": {
                "operationId": "projectCalendar",
                "summary": "One project as an iCalendar file",
                "tags": ["calendars"],
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1},
                    },
                    lang,
                ],
                "responses": {
                    **_responses(_download("text/calendar", "The calendar."), not_found=True),
                    "404": {
                        "description": "No published project has this number (or the address is not a number:"
                        " the site's page not found).",
                        "content": {
                            "application/json": {"schema": _ref("Errors")},
                            "text/html": {"schema": {"type": "string"}},
                        },
                    },
                },
            }
        },
        reverse("api-themes"): {
            "get": {
                "operationId": "listThemes",
                "summary": "The themes of the programme",
                "tags": ["reference data"],
                "responses": {
                    "200": {
                        "description": "Every theme, in programme order.",
                        "headers": _VALIDATORS,
                        "content": {"application/json": {"schema": _ref("ThemeList")}},
                    },
                    "304": {"description": "Not modified."},
                },
            }
        },
        reverse("api-territories"): {
            "get": {
                "operationId": "listTerritories",
                "summary": "Every territory: regions, federal subjects, départements, cities",
                "tags": ["reference data"],
                "responses": {
                    "200": {
                        "description": "Every territory, by country then slug.",
                        "headers": _VALIDATORS,
                        "content": {"application/json": {"schema": _ref("TerritoryList")}},
                    },
                    "304": {"description": "Not modified."},
                },
            }
        },
    }


def description(base_url: str = "") -> dict:
    """The whole OpenAPI 3.1 document; `base_url` (the site's address) becomes its server."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Franco-Russian Year of Decentralised Cooperation 2021 — open data API",
            "version": "1.0.0",
            "summary": "The programme's published projects, themes and territories, in French, Russian"
            " and English.",
            "description": (
                "Read-only and open to every origin (CORS). Every answer carries `ETag` and `Last-Modified`;"
                " send them back (`If-None-Match`, `If-Modified-Since`) to get a `304` when nothing changed."
                " Lists take the filters of the programme page. A parameter that cannot be understood answers"
                ' `400` with `{"errors": {parameter: [reasons]}}`; nothing unpublished is ever returned.'
            ),
            "license": LICENCE,
        },
        "servers": [{"url": base_url or "/", "description": "This site"}],
        "externalDocs": {"description": "Licence Ouverte 2.0", "url": LICENCE_URL},
        "tags": [
            {"name": "projects", "description": "The programme."},
            {"name": "calendars", "description": "To subscribe in a calendar application."},
            {"name": "reference data", "description": "Values of the filters."},
        ],
        "paths": paths(),
        "components": {"schemas": schemas()},
    }


# The reference page ------------------------------------------------------------------------------


def type_of(schema: dict) -> str:
    """A short human reading of a schema: 'string (date)', 'array of Partner', 'TerritoryRef or null'."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(type_of(option) for option in schema["anyOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"array of {type_of(schema.get('items', {}))}"
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    details = [schema["format"]] if "format" in schema else []
    if "pattern" in schema:
        details.append(f"pattern {schema['pattern']}")
    if "minimum" in schema:
        details.append(f"≥ {schema['minimum']}")
    if "maximum" in schema:
        details.append(f"≤ {schema['maximum']}")
    if "maxLength" in schema:
        details.append(f"at most {schema['maxLength']} characters")
    return f"{kind} ({', '.join(details)})" if details else kind


def reference(document: dict) -> dict:
    """The description arranged for templates/public/api_reference.html."""
    operations = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": operation["operationId"],
                    "summary": operation["summary"],
                    "parameters": [
                        {**parameter, "type": type_of(parameter["schema"])}
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": [
                        {
                            "status": status,
                            "description": response["description"],
                            "content": [
                                {"media_type": media_type, "type": type_of(body.get("schema", {}))}
                                for media_type, body in response.get("content", {}).items()
                            ],
                        }
                        for status, response in operation["responses"].items()
                    ],
                }
            )
    schemas = []
    for name, schema in document["components"]["schemas"].items():
        required = set(schema.get("required", []))
        properties = [
            {
                "name": prop,
                "type": type_of(sub),
                "required": prop in required,
                "description": sub.get("description", ""),
            }
            for prop, sub in schema.get("properties", {}).items()
        ]
        if "additionalProperties" in schema and isinstance(schema["additionalProperties"], dict):
            properties.append(
                {
                    "name": "{parameter}",
                    "type": type_of(schema["additionalProperties"]),
                    "required": False,
                    "description": "",
                }
            )
        schemas.append({"name": name, "description": schema.get("description", ""), "properties": properties})
    return {"info": document["info"], "operations": operations, "schemas": schemas}
