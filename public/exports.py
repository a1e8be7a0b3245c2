"""Builders for the reusable formats of the programme: CSV, XLSX and iCalendar (RFC 5545).

They take projects (with selectors.with_relations) and return bytes; serving is the views' job.
"""

import csv
import io
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from icalendar import Calendar, Event
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from events.documents import LANGUAGES, project_document
from events.models import EventStatus
from events.periods import Precision
from events.spreadsheets import neutralise_formula


def _names(items, lang):
    return "; ".join(item["name"][lang] for item in items)


def programme_table(projects, base_url: str):
    """The header, then one row per project: the columns of the CSV and XLSX downloads."""
    header = ["reference", "url"]
    for field in ("title", "themes", "french_partners", "russian_partners", "french_region", "planned_text"):
        header += [f"{field}_{lang}" for lang in LANGUAGES]
    header += ["planned_start", "planned_end", "planned_precision", "planned_source", "status", "labelled_on"]
    header += ["event_status", "attendance_mode", "previous_planned_start", "previous_planned_end"]
    header += [f"description_{lang}" for lang in LANGUAGES]
    header += [f"editorial_note_{lang}" for lang in LANGUAGES]
    yield header
    for project in projects:
        doc = project_document(project)
        region = doc["french_region"]
        row = [doc["reference"] or "", base_url + doc["url"]]
        row += [doc["title"][lang] for lang in LANGUAGES]
        row += [_names(doc["themes"], lang) for lang in LANGUAGES]
        row += [_names(doc["french_partners"], lang) for lang in LANGUAGES]
        row += [_names(doc["russian_partners"], lang) for lang in LANGUAGES]
        row += [region["name"][lang] if region else "" for lang in LANGUAGES]
        row += [doc["planned"]["text"][lang] for lang in LANGUAGES]
        row += [doc["planned"]["start"] or "", doc["planned"]["end"] or "", doc["planned"]["precision"]]
        row += [doc["planned"]["source"], doc["status"], doc["labelled_on"] or ""]
        previous = doc["event"]["previous_planned"] or {}
        row += [doc["event"]["status"], doc["event"]["attendance_mode"]]
        row += [previous.get("start") or "", previous.get("end") or ""]
        row += [doc["description"][lang] for lang in LANGUAGES]
        row += [doc["editorial_note"][lang] for lang in LANGUAGES]
        yield row


def programme_csv(projects, base_url: str) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads Cyrillic), one column per language; text that a
    spreadsheet could run as a formula is quoted (events.spreadsheets)."""
    out = io.StringIO()
    csv.writer(out).writerows(
        [neutralise_formula(cell) for cell in row] for row in programme_table(projects, base_url)
    )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def programme_xlsx(projects, base_url: str) -> bytes:
    """The CSV's columns in a spreadsheet, every cell a string (a title starting with "=" stays text,
    never a formula) and dates as ISO text, as in the CSV."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("programme")
    sheet.freeze_panes = "A2"
    for number, row in enumerate(programme_table(projects, base_url)):
        cells = []
        for value in row:
            # ILLEGAL_CHARACTERS_RE: control characters a spreadsheet cannot hold.
            cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
            cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
            if number == 0:
                cell.font = Font(bold=True)
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def programme_ical(projects, *, lang: str, base_url: str, name: str) -> bytes:
    """All-day events over each planned interval; fuzzy periods are flagged in the description.

    Projects without any planned date cannot be placed in a calendar and are left out. A cancelled
    event keeps its entry with STATUS:CANCELLED (so that calendars remove it), a postponed one is
    TENTATIVE; SEQUENCE counts the changes of dates, status and attendance, LAST-MODIFIED is the
    project's last change: calendar applications replace their copy when they see a higher SEQUENCE.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Franco-Russian Year of Decentralised Cooperation//Programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    with translation.override(lang):
        for project in projects:
            if project.planned_precision == Precision.UNKNOWN:
                continue
            url = base_url + project.get_absolute_url()
            event = Event()
            event.add("uid", f"project-{project.pk}@{settings.PROGRAMME_YEAR}.fr-ru-cooperation")
            event.add("dtstamp", stamp)
            event.add("sequence", project.event_sequence)
            event.add("last-modified", project.updated_at)
            status = project.event_status_display
            if project.event_status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
                event.add("summary", f"[{status}] {project.title}")
            else:
                event.add("summary", project.title)
            event.add("dtstart", project.planned_start)
            # The DTEND of an all-day event is exclusive: the day after the last one.
            event.add("dtend", project.planned_end + timedelta(days=1))
            event.add("url", url)
            lines = [line for line in (project.event_status_display, project.attendance_display) if line]
            lines += [
                f"{project.french_partner_names} – {project.russian_partner_names}",
                translation.gettext("Planned: %(period)s") % {"period": project.planned_display},
            ]
            if project.planned_precision != Precision.DAY:
                lines.append(
                    translation.gettext(
                        "The exact dates are not known yet: this event spans the whole planned period."
                    )
                )
            if project.description:
                lines.append(project.description)
            lines.append(url)
            event.add("description", "\n\n".join(lines))
            event.add("categories", [t.name for t in project.themes.all()] or ["programme"])
            event.add("status", _ical_status(project))
            calendar.add_component(event)
    return calendar.to_ical()


def _ical_status(project) -> str:
    if project.event_status == EventStatus.CANCELLED:
        return "CANCELLED"
    if project.event_status == EventStatus.POSTPONED or project.planned_precision != Precision.DAY:
        return "TENTATIVE"
    return "CONFIRMED"
