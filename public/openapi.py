"""OpenAPI 3.1 description of the public API (`/api/openapi.json`) and the data for its reference page.

Kept beside the API code (public.api, events.documents) so that a change of a document changes its
description in the same commit; tests/public/test_openapi.py checks every documented property against
real documents, validates the description and runs Schemathesis against the live API.

Its summaries and descriptions are interface strings (gettext, read when the description is built):
`/api/openapi.json` is one canonical document, in English, the usual language of programming
interfaces and of the tools that read it; the reference page (`/fr/api/`, `/ru/api/`, `/en/api/`)
builds the same description in its own language. Names, values and types of the contract (paths,
parameters, properties, enumerations) are the same in every language.
"""

import re
from functools import reduce

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

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
            _("One text in French (the source), Russian and English; an empty string when not written."),
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
                "id": {"type": "integer", "description": _("Stable; the short link is /p/{id}/.")},
                "reference": _nullable({"type": "string", "examples": ["FR-RU-2021-0042"]}),
                "slug": {"type": "string"},
                "url": {
                    "type": "string",
                    "description": _("Path of the French page (the site’s own address)."),
                },
                "title": _ref("Translated"),
                "description": _ref("Translated"),
                "themes": {"type": "array", "items": _ref("ThemeRef")},
                "french_partners": {"type": "array", "items": _ref("Partner")},
                "russian_partners": {"type": "array", "items": _ref("Partner")},
                "other_french_partners": {
                    "type": "boolean",
                    "description": _("The programme adds “and others” on the French side."),
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
                            "description": _(
                                "Where the wording comes from: the programme’s date column, or (when it"
                                " gave none) the description or the title."
                            ),
                        },
                    },
                    _(
                        "The planned interval (inclusive); a fuzzy period (“second half of 2021”) spans"
                        " the whole interval, with its precision. Unknown dates are null."
                    ),
                ),
                "editorial_note": {
                    **_ref("Translated"),
                    "description": _(
                        "Where this entry departs from the published programme (empty if it does not)."
                    ),
                },
                "status": _enum(LabellingStatus),
                "event": _object(
                    {
                        "status": {
                            **_enum(EventStatus),
                            "description": _(
                                "scheduled; postponed (new dates to be announced); rescheduled (`planned`"
                                " is the new period, `previous_planned` the one before); cancelled;"
                                " moved_online."
                            ),
                        },
                        "attendance_mode": _enum(AttendanceMode),
                        "previous_planned": _nullable(
                            _object(
                                {
                                    "start": _nullable(DATE),
                                    "end": _nullable(DATE),
                                    "precision": _enum(Precision),
                                },
                                _("The period planned before the latest rescheduling."),
                            )
                        ),
                        "sequence": {
                            "type": "integer",
                            "minimum": 0,
                            "description": _(
                                "How many times the dates, status or attendance changed (the iCalendar"
                                " SEQUENCE)."
                            ),
                        },
                    },
                    _("What became of the event once published; every change is listed on What’s new."),
                ),
                "labelled_on": _nullable(DATE),
            },
            _("One project of the programme, every text in the three languages."),
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
                    "description": _(
                        "With `updated_since` only: pass this value as the next `updated_since`."
                    ),
                },
                "removed": {
                    "type": "array",
                    "items": {"type": "integer"},
                    "description": _(
                        "With `updated_since` only: ids of projects that left the public programme"
                        " (withdrawn or unpublished) since then."
                    ),
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
                    {"type": "string", "description": _("Slug of the territory it is part of.")}
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
                    "description": _("For each parameter that was refused, why (in the site’s language)."),
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
            _("Search in every language and script (“Ярославль”, “Iaroslavl”)."),
            "Ярославль",
        ),
        _parameter("theme", {"type": "string"}, _("A theme’s slug (see /api/themes.json)."), "sport"),
        _parameter("region", {"type": "string"}, _("A French region’s slug."), "occitanie"),
        _parameter(
            "territory",
            {"type": "string"},
            _(
                "Any place below a country (see /api/territories.json): its projects and those of the"
                " places it contains."
            ),
        ),
        _parameter("partner", {"type": "string"}, _("A partner’s slug.")),
        _parameter(
            "event_status",
            _enum(EventStatus),
            _("Projects whose event has this status (e.g. `cancelled`)."),
            "postponed",
        ),
        _parameter(
            "month",
            {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
            _("Projects taking place in a month."),
            "2021-12",
        ),
        _parameter(
            "quarter",
            {"type": "string", "pattern": r"^\d{4}-[Qq][1-4]$"},
            _("Projects taking place in a quarter."),
            "2021-Q3",
        ),
        _parameter("date_from", DATE, _("Projects planned to end on or after this day.")),
        _parameter("date_to", DATE, _("Projects planned to start on or before this day.")),
        _parameter(
            "sort",
            {"type": "string", "enum": ["date", "-date", "title", "-title", "region", "-region"]},
            _("Order; by default programme order (by planned start), or relevance for a search."),
        ),
    ]


def _responses(ok: dict, *, not_found: bool = False) -> dict:
    errors = {"application/json": {"schema": _ref("Errors")}}
    responses = {
        "200": ok,
        "304": {"description": _("Not modified since the `If-None-Match` or `If-Modified-Since` given.")},
        "400": {
            "description": _("A parameter could not be understood: each one with its reason."),
            "content": errors,
        },
    }
    if not_found:
        responses["404"] = {"description": _("No such page or project."), "content": errors}
    return responses


def _download(media_type: str, description: str, schema: dict | None = None) -> dict:
    return {
        "description": description,
        "headers": _validators(),
        "content": {media_type: {"schema": schema or {"type": "string"}}},
    }


def _validators() -> dict:
    return {
        "ETag": {"schema": {"type": "string"}},
        "Last-Modified": {
            "schema": {"type": "string"},
            "description": _("The latest change to the programme."),
        },
        "Access-Control-Allow-Origin": {"schema": {"type": "string", "const": "*"}},
    }


def paths() -> dict:
    lang = _parameter(
        "lang",
        {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]},
        _("Language of the texts."),
    )
    pages = [
        _parameter("page", {"type": "integer", "minimum": 1}, _("Page number (from 1).")),
        _parameter(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            _("Projects per page (50 by default)."),
        ),
    ]
    since = _parameter(
        "updated_since",
        {"type": "string", "format": "date-time"},
        _(
            "Only the projects changed since this instant (ISO 8601, with its offset), and in `removed` the"
            " ids of those that left the public programme since then. Start with a full download, then pass"
            " the `as_of` of each answer to the next request."
        ),
        "2021-05-03T12:00:00+02:00",
    )
    return {
        reverse("api-projects"): {
            "get": {
                "operationId": "listProjects",
                "summary": _("Published projects, filtered and paginated"),
                "tags": ["projects"],
                "parameters": [*filter_parameters(), *pages, since],
                "responses": _responses(
                    {
                        "description": _("A page of projects."),
                        "headers": _validators(),
                        "content": {"application/json": {"schema": _ref("ProjectPage")}},
                    },
                    not_found=True,
                ),
            }
        },
        reverse("api-projects-csv"): {
            "get": {
                "operationId": "projectsCsv",
                "summary": _("Filtered projects as CSV (UTF-8 with BOM, one column per language)"),
                "tags": ["projects"],
                "parameters": filter_parameters(),
                "responses": _responses(_download("text/csv", _("The table of projects."))),
            }
        },
        reverse("api-projects-xlsx"): {
            "get": {
                "operationId": "projectsXlsx",
                "summary": _("Filtered projects as a spreadsheet (the CSV’s columns, every cell text)"),
                "tags": ["projects"],
                "parameters": filter_parameters(),
                "responses": _responses(
                    _download(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        _("The workbook."),
                        {"type": "string", "contentMediaType": "application/octet-stream"},
                    )
                ),
            }
        },
        reverse("api-projects-ics"): {
            "get": {
                "operationId": "projectsCalendar",
                "summary": _("Filtered projects as an iCalendar file (RFC 5545), one all-day event each"),
                "tags": ["calendars"],
                "parameters": [*filter_parameters(), lang],
                "responses": _responses(_download("text/calendar", _("The calendar."))),
            }
        },
        "/api/projects/{id}.ics": {
            "get": {
                "operationId": "projectCalendar",
                "summary": _("One project as an iCalendar file"),
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
                    **_responses(_download("text/calendar", _("The calendar.")), not_found=True),
                    "404": {
                        "description": _(
                            "No published project has this number (or the address is not a number: the"
                            " site’s page not found)."
                        ),
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
                "summary": _("The themes of the programme"),
                "tags": ["reference data"],
                "responses": {
                    "200": {
                        "description": _("Every theme, in programme order."),
                        "headers": _validators(),
                        "content": {"application/json": {"schema": _ref("ThemeList")}},
                    },
                    "304": {"description": _("Not modified.")},
                },
            }
        },
        reverse("api-territories"): {
            "get": {
                "operationId": "listTerritories",
                "summary": _("Every territory: regions, federal subjects, départements, cities"),
                "tags": ["reference data"],
                "responses": {
                    "200": {
                        "description": _("Every territory, by country then slug."),
                        "headers": _validators(),
                        "content": {"application/json": {"schema": _ref("TerritoryList")}},
                    },
                    "304": {"description": _("Not modified.")},
                },
            }
        },
    }


def description(base_url: str = "", *, language: str = "en") -> dict:
    """The whole OpenAPI 3.1 document; `base_url` (the site's address) becomes its server.

    `/api/openapi.json` is the English one; the reference page asks for its own language.
    """
    with translation.override(language):
        return {
            "openapi": "3.1.0",
            "info": {
                "title": "Franco-Russian Year of Decentralised Cooperation 2021 — open data API",
                "version": "1.0.0",
                "summary": _(
                    "The programme’s published projects, themes and territories, in French, Russian"
                    " and English."
                ),
                "description": _(
                    "Read-only and open to every origin (CORS). Every answer carries `ETag` and"
                    " `Last-Modified`; send them back (`If-None-Match`, `If-Modified-Since`) to get a `304`"
                    " when nothing changed. Lists take the filters of the programme page. A parameter that"
                    " cannot be understood answers `400` with"
                    ' `{"errors": {"parameter": ["reason", …]}}`; nothing unpublished is ever returned.'
                ),
                "license": LICENCE,
            },
            "servers": [{"url": base_url or "/", "description": _("This site")}],
            "externalDocs": {"description": "Licence Ouverte 2.0", "url": LICENCE_URL},
            "tags": [
                {"name": "projects", "description": _("The programme.")},
                {"name": "calendars", "description": _("To subscribe in a calendar application.")},
                {"name": "reference data", "description": _("Values of the filters.")},
            ],
            "paths": paths(),
            "components": {"schemas": schemas()},
        }


# The reference page ------------------------------------------------------------------------------


# JSON Schema's types as the reference page names them; `null` is a JSON value and stays as it is.
def _type_names() -> dict:
    return {
        "string": pgettext("JSON type", "string"),
        "integer": pgettext("JSON type", "integer"),
        "number": pgettext("JSON type", "number"),
        "boolean": pgettext("JSON type", "boolean"),
        "object": pgettext("JSON type", "object"),
        "null": "null",
        "any": pgettext("JSON type", "any"),
    }


def _locations() -> dict:
    return {"query": pgettext("parameter location", "query"), "path": pgettext("parameter location", "path")}


def prose(text: str) -> str:
    """A description as HTML: escaped, with its `code` spans (Markdown's backticks) shown as code."""
    return mark_safe(re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text)))  # noqa: S308 (escaped above)


def type_of(schema: dict) -> str:
    """A short reading of a schema in the active language: 'string (date)', 'array of Partner',
    'TerritoryRef or null'."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return reduce(
            lambda first, second: _("%(first)s or %(second)s") % {"first": first, "second": second},
            (type_of(option) for option in schema["anyOf"]),
        )
    kind = schema.get("type", "any")
    if kind == "array":
        return _("array of %(items)s") % {"items": type_of(schema.get("items", {}))}
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    details = [schema["format"]] if "format" in schema else []
    if "pattern" in schema:
        details.append(_("pattern %(pattern)s") % {"pattern": schema["pattern"]})
    if "minimum" in schema:
        details.append(f"≥ {schema['minimum']}")
    if "maximum" in schema:
        details.append(f"≤ {schema['maximum']}")
    if "maxLength" in schema:
        count = schema["maxLength"]
        details.append(
            ngettext("at most %(count)s character", "at most %(count)s characters", count) % {"count": count}
        )
    name = _type_names().get(kind, kind)
    return f"{name} ({', '.join(details)})" if details else name


def reference(document: dict) -> dict:
    """The description arranged for templates/public/api_reference.html, in the active language (the
    document's texts are those of the language it was built in)."""
    locations = _locations()
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
                        {
                            **parameter,
                            "in": locations.get(parameter["in"], parameter["in"]),
                            "description": prose(parameter.get("description", "")),
                            "type": type_of(parameter["schema"]),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": [
                        {
                            "status": status,
                            "description": prose(response["description"]),
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
                "description": prose(sub.get("description", "")),
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
        schemas.append(
            {"name": name, "description": prose(schema.get("description", "")), "properties": properties}
        )
    info = {**document["info"], "description": prose(document["info"]["description"])}
    return {"info": info, "operations": operations, "schemas": schemas}
