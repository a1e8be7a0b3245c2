"""Planned periods: the programme's fuzzy dates as honest intervals.

The official programme gives dates such as "Semestre 2", "3ème trimestre 2021" or
"du 9 au 19 décembre 2021". Each becomes an inclusive interval [start, end] with a precision,
so that a filter on any date range finds every project whose interval overlaps it. A blank
wording is an unknown date, never 1 January.
"""

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from .typography import typeset


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    SEMESTER = "semester", _("half-year")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("unknown")


@dataclass(frozen=True)
class PlannedPeriod:
    start: date | None
    end: date | None
    precision: str

    def __post_init__(self):
        if (self.start is None) != (self.end is None):
            raise ValueError("A period has both ends or neither.")
        if self.start and self.start > self.end:
            raise ValueError("A period cannot end before it starts.")
        if (self.start is None) != (self.precision == Precision.UNKNOWN):
            raise ValueError("Only an unknown period has no dates.")


UNKNOWN = PlannedPeriod(None, None, Precision.UNKNOWN)

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
_MONTH = "(" + "|".join(MONTHS) + ")"
_YEAR = r"(?:\s+(\d{4}))?"
_DAY = r"(\d{1,2})(?:er)?"
_NEAR = r"(?:debut|fin|mi)?\s*"

DAY_RANGE = re.compile(rf"{_DAY}(?:\s+{_MONTH})?{_YEAR}\s*(?:-|au)\s*{_DAY}\s+{_MONTH}{_YEAR}")
SINGLE_DAY = re.compile(rf"{_DAY}\s+{_MONTH}{_YEAR}")
MONTH_RANGE = re.compile(rf"{_NEAR}{_MONTH}{_YEAR}\s*(?:-|a|au)\s*{_NEAR}{_MONTH}{_YEAR}")
SINGLE_MONTH = re.compile(rf"{_NEAR}{_MONTH}{_YEAR}")
QUARTER = re.compile(
    r"\b([1-4])\s*(?:er|e|eme|ème)\s+trimestre\b|\b(premier|deuxieme|troisieme|quatrieme)\s+trimestre\b"
)
SEMESTER = re.compile(r"\b(premier|1er|second|deuxieme|2e|2eme)\s+semestre\b|\bsemestre\s+([12])\b")
ANY_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
WHOLE_YEAR = re.compile(r"\b(?:annee|an)\b")

ORDINALS = {
    "premier": 1,
    "1er": 1,
    "deuxieme": 2,
    "second": 2,
    "2e": 2,
    "2eme": 2,
    "troisieme": 3,
    "quatrieme": 4,
}


def _fold(text: str) -> str:
    """Lower-case, strip accents and unify dashes so the patterns stay simple."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text).replace("’", "'")
    return re.sub(r"\s+", " ", text).strip()


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_planned(wording: str, default_year: int = 2021) -> PlannedPeriod:
    """Turn a French date wording from the programme into a PlannedPeriod.

    The most specific statement wins: "Semestre 2 : décembre 2021" is December 2021.
    Raises ValueError for a wording that names no recognisable period.
    """
    text = _fold(wording or "")
    if not text:
        return UNKNOWN
    years = [int(y) for y in ANY_YEAR.findall(text)]
    year = years[-1] if years else default_year

    try:
        if m := DAY_RANGE.search(text):
            d1, m1, y1, d2, m2, y2 = m.groups()
            y2 = int(y2) if y2 else year
            start = date(int(y1) if y1 else y2, MONTHS[m1 or m2], int(d1))
            return PlannedPeriod(start, date(y2, MONTHS[m2], int(d2)), Precision.DAY)
        if m := SINGLE_DAY.search(text):
            d, mo, y = m.groups()
            day = date(int(y) if y else year, MONTHS[mo], int(d))
            return PlannedPeriod(day, day, Precision.DAY)
    except ValueError as exc:  # 31 février and the like
        raise ValueError(f"Impossible date in {wording!r}: {exc}") from exc
    if m := MONTH_RANGE.search(text):
        m1, y1, m2, y2 = m.groups()
        y2 = int(y2) if y2 else year
        start = date(int(y1) if y1 else y2, MONTHS[m1], 1)
        return PlannedPeriod(start, _month_end(y2, MONTHS[m2]), Precision.MONTH)
    if m := SINGLE_MONTH.search(text):
        mo, y = m.groups()
        y = int(y) if y else year
        return PlannedPeriod(date(y, MONTHS[mo], 1), _month_end(y, MONTHS[mo]), Precision.MONTH)
    if m := QUARTER.search(text):
        quarter = int(m.group(1)) if m.group(1) else ORDINALS[m.group(2)]
        first = 3 * quarter - 2
        return PlannedPeriod(date(year, first, 1), _month_end(year, first + 2), Precision.QUARTER)
    if m := SEMESTER.search(text):
        half = ORDINALS[m.group(1)] if m.group(1) else int(m.group(2))
        if half == 1:
            return PlannedPeriod(date(year, 1, 1), date(year, 6, 30), Precision.SEMESTER)
        return PlannedPeriod(date(year, 7, 1), date(year, 12, 31), Precision.SEMESTER)
    if years and (WHOLE_YEAR.search(text) or text == str(year)):
        return PlannedPeriod(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)
    raise ValueError(f"Unrecognised date wording: {wording!r}")


def describe_period(start: date | None, end: date | None, precision: str) -> str:
    """The period in the active language, as precisely as it is known and no more, with the
    language's typography (events.typography: "19\u00a0mars\u00a02021", «2021\u00a0года»)."""
    language = get_language()
    return typeset(_describe_period(start, end, precision, language), language)


def _describe_period(start, end, precision, language) -> str:
    if precision == Precision.UNKNOWN or start is None or end is None:
        # Once the Year is over no date will be announced any more: the programme simply gave none.
        if timezone.localdate().year > settings.PROGRAMME_YEAR:
            return gettext("date not specified")
        return gettext("date to be announced")
    if precision == Precision.YEAR:
        if start.year == end.year:
            return gettext("throughout %(year)s") % {"year": start.year}
        return f"{start.year}–{end.year}"
    if precision == Precision.SEMESTER and start.month == 1 and end.year == start.year and end.month == 6:
        return gettext("first half of %(year)s") % {"year": start.year}
    if precision == Precision.SEMESTER and start.month == 7 and end.year == start.year and end.month == 12:
        return gettext("second half of %(year)s") % {"year": start.year}
    if precision == Precision.QUARTER and end.year == start.year and end.month == start.month + 2:
        labels = {
            1: gettext("first quarter of %(year)s"),
            4: gettext("second quarter of %(year)s"),
            7: gettext("third quarter of %(year)s"),
            10: gettext("fourth quarter of %(year)s"),
        }
        if start.month in labels:
            return labels[start.month] % {"year": start.year}
    # Russian writes "2021 года" after a date and a spaced em dash between words ("апрель — сентябрь
    # 2021 года"), as the programme's wordings do (docs/translation-brief.md).
    russian = language == "ru"
    year = " года" if russian else ""
    words_dash = " — " if russian else " – "
    if precision in (Precision.MONTH, Precision.QUARTER, Precision.SEMESTER):
        # Russian's stand-alone month name is capitalised by Django: lower case inside a phrase.
        def name(day, fmt):
            text = date_format(day, fmt)
            return text[0].lower() + text[1:] if russian else text

        if (start.year, start.month) == (end.year, end.month):
            return name(start, "F Y") + year
        if start.year == end.year:  # English closes up the dash between two single words
            dash = "–" if language == "en" else words_dash
            return f"{name(start, 'F')}{dash}{name(end, 'F Y')}{year}"
        return f"{name(start, 'F Y')}{year}{words_dash}{name(end, 'F Y')}{year}"
    # Day precision. After a day number Russian puts the month in the genitive ("E");
    # French and English keep the plain lower-case name ("F").
    month = "E" if russian else "F"
    if start == end:
        return date_format(start, f"j {month} Y") + year
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, f'j {month} Y')}{year}"
    if start.year == end.year:
        return f"{date_format(start, f'j {month}')}{words_dash}{date_format(end, f'j {month} Y')}{year}"
    return f"{date_format(start, f'j {month} Y')}{year}{words_dash}{date_format(end, f'j {month} Y')}{year}"
