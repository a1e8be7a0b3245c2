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

# Month names as _fold() leaves them: French, English, and Russian in the nominative, genitive and
# prepositional ("октябрь", "октября", "в октябре"; "й" folds to "и").
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
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_RUSSIAN_MONTH_STEMS = {
    "январ": 1,
    "феврал": 2,
    "апрел": 4,
    "июн": 6,
    "июл": 7,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
for _stem, _number in _RUSSIAN_MONTH_STEMS.items():
    for _ending in ("ь", "я", "е"):
        MONTHS[_stem + _ending] = _number
for _word, _number in (("март", 3), ("марта", 3), ("марте", 3), ("маи", 5), ("мая", 5), ("мае", 5)):
    MONTHS[_word] = _number
for _word, _number in (("август", 8), ("августа", 8), ("августе", 8)):
    MONTHS[_word] = _number
# Longest first, so that "марта" is not read as "март" followed by a stray letter.
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b"
_YEAR = r"(?:,?\s+(\d{4}))?"
_DAY = r"(\d{1,2})(?:er|st|nd|rd|th)?"
_NEAR = r"(?:debut|fin|mi|early|late|mid|начало|конец|середина|начале|конце|середине)?[\s-]*"
_TO = r"(?:-|au|a|to|till|until|по|до)"

DAY_RANGE = re.compile(rf"\b{_DAY}(?:\s+{_MONTH})?{_YEAR}\s*{_TO}\s*{_DAY}\s+{_MONTH}{_YEAR}")
SINGLE_DAY = re.compile(rf"\b{_DAY}\s+{_MONTH}{_YEAR}")
# English puts the month first: "October 12–18, 2021", "October 12, 2021".
DAY_RANGE_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY}\s*{_TO}\s*{_DAY}{_YEAR}")
SINGLE_DAY_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}")
MONTH_RANGE = re.compile(rf"{_NEAR}{_MONTH}{_YEAR}\s*{_TO}\s*{_NEAR}{_MONTH}{_YEAR}")
SINGLE_MONTH = re.compile(rf"{_NEAR}{_MONTH}{_YEAR}")

# Ordinals of the three languages, as _fold() leaves them ("1-й" is "1-и", "четвёртый" "четвертыи").
ORDINALS = {
    "premier": 1,
    "1er": 1,
    "1re": 1,
    "first": 1,
    "1st": 1,
    "1": 1,
    "i": 1,
    "deuxieme": 2,
    "second": 2,
    "seconde": 2,
    "2e": 2,
    "2eme": 2,
    "2nd": 2,
    "2": 2,
    "ii": 2,
    "troisieme": 3,
    "third": 3,
    "3e": 3,
    "3eme": 3,
    "3rd": 3,
    "3": 3,
    "iii": 3,
    "quatrieme": 4,
    "fourth": 4,
    "4e": 4,
    "4eme": 4,
    "4th": 4,
    "4": 4,
    "iv": 4,
}
_RUSSIAN_ORDINALS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4}
_ORDINAL = (
    r"(?P<ordinal>"
    + "|".join(sorted(ORDINALS, key=len, reverse=True))
    + r"|(?:перв|втор|трет|четверт)[а-я]*|[1-4]-?[а-я]{1,2})"
)
QUARTER = re.compile(
    rf"\b{_ORDINAL}\s*(?:trimestre|quarter|квартал[а-я]*)\b(?:\s+of)?"
    r"|\b(?:trimestre|quarter)\s+(?P<number>[1-4])\b|\bq(?P<q>[1-4])\b"
)
SEMESTER = re.compile(
    rf"\b{_ORDINAL}\s*(?:semestre|half(?:-year)?|полугоди[а-я]*)\b"
    r"|\bsemestre\s+(?P<number>[12])\b|\bh(?P<q>[12])\b"
)
# Seasons are three whole months; winter is the one that starts in December of the year named.
SEASONS = {
    "printemps": 3,
    "spring": 3,
    "весна": 3,
    "веснои": 3,
    "весны": 3,
    "ete": 6,
    "summer": 6,
    "лето": 6,
    "летом": 6,
    "лета": 6,
    "automne": 9,
    "autumn": 9,
    "fall": 9,
    "осень": 9,
    "осенью": 9,
    "осени": 9,
    "hiver": 12,
    "winter": 12,
    "зима": 12,
    "зимои": 12,
    "зимы": 12,
}
SEASON = re.compile(r"\b(" + "|".join(sorted(SEASONS, key=len, reverse=True)) + r")\b")
ANY_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
WHOLE_YEAR = re.compile(r"\b(?:annee|an|year|throughout|all|год|года|году|г)\b")


def _ordinal(match) -> int | None:
    """The number of a QUARTER or SEMESTER match, whichever of its forms was written."""
    if match.group("number"):
        return int(match.group("number"))
    if match.group("q"):
        return int(match.group("q"))
    word = match.group("ordinal")
    if word in ORDINALS:
        return ORDINALS[word]
    if word[0].isdigit():
        return int(word[0])
    return next(n for stem, n in _RUSSIAN_ORDINALS.items() if word.startswith(stem))


def _fold(text: str) -> str:
    """Lower-case, strip accents and unify dashes so the patterns stay simple."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text).replace("’", "'")
    return re.sub(r"\s+", " ", text).strip()


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _days(start: tuple[int, int, int], end: tuple[int, int, int], wording: str) -> PlannedPeriod:
    try:
        first, last = date(*start), date(*end)
    except ValueError as exc:  # 31 février and the like
        raise ValueError(f"Impossible date in {wording!r}: {exc}") from exc
    if first > last:
        raise ValueError(f"The period of {wording!r} ends before it starts.")
    return PlannedPeriod(first, last, Precision.DAY)


def parse_planned(wording: str, default_year: int = 2021) -> PlannedPeriod:
    """Turn a date wording into a PlannedPeriod: the French programme's wordings, and the same
    periods said in Russian or English ("du 12 au 18 octobre 2021", "с 12 по 18 октября 2021 года",
    "October 12-18, 2021", "второе полугодие 2021 года", "2nd half of 2021", "été 2021", "весна 2021").

    The most specific statement wins: "Semestre 2 : décembre 2021" is December 2021.
    Raises ValueError for a wording that names no recognisable period.
    """
    text = _fold(wording or "")
    if not text:
        return UNKNOWN
    years = [int(y) for y in ANY_YEAR.findall(text)]
    year = years[-1] if years else default_year

    if m := DAY_RANGE.search(text):
        d1, m1, y1, d2, m2, y2 = m.groups()
        y2 = int(y2) if y2 else year
        return _days((int(y1) if y1 else y2, MONTHS[m1 or m2], int(d1)), (y2, MONTHS[m2], int(d2)), wording)
    if m := DAY_RANGE_MONTH_FIRST.search(text):
        mo, d1, d2, y = m.groups()
        y = int(y) if y else year
        return _days((y, MONTHS[mo], int(d1)), (y, MONTHS[mo], int(d2)), wording)
    if m := SINGLE_DAY.search(text):
        d, mo, y = m.groups()
        day = (int(y) if y else year, MONTHS[mo], int(d))
        return _days(day, day, wording)
    if m := SINGLE_DAY_MONTH_FIRST.search(text):
        mo, d, y = m.groups()
        day = (int(y) if y else year, MONTHS[mo], int(d))
        return _days(day, day, wording)
    if m := MONTH_RANGE.search(text):
        m1, y1, m2, y2 = m.groups()
        y2 = int(y2) if y2 else year
        start = date(int(y1) if y1 else y2, MONTHS[m1], 1)
        if start > _month_end(y2, MONTHS[m2]):
            raise ValueError(f"The period of {wording!r} ends before it starts.")
        return PlannedPeriod(start, _month_end(y2, MONTHS[m2]), Precision.MONTH)
    if m := SINGLE_MONTH.search(text):
        mo, y = m.groups()
        y = int(y) if y else year
        return PlannedPeriod(date(y, MONTHS[mo], 1), _month_end(y, MONTHS[mo]), Precision.MONTH)
    if m := SEASON.search(text):
        first = SEASONS[m.group(1)]
        end = _month_end(year + 1, 2) if first == 12 else _month_end(year, first + 2)
        return PlannedPeriod(date(year, first, 1), end, Precision.MONTH)
    if (m := QUARTER.search(text)) and (quarter := _ordinal(m)) in (1, 2, 3, 4):
        first = 3 * quarter - 2
        return PlannedPeriod(date(year, first, 1), _month_end(year, first + 2), Precision.QUARTER)
    if (m := SEMESTER.search(text)) and (half := _ordinal(m)) in (1, 2):
        if half == 1:
            return PlannedPeriod(date(year, 1, 1), date(year, 6, 30), Precision.SEMESTER)
        return PlannedPeriod(date(year, 7, 1), date(year, 12, 31), Precision.SEMESTER)
    if years and (WHOLE_YEAR.search(text) or text == str(year)):
        return PlannedPeriod(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)
    raise ValueError(f"Unrecognised date wording: {wording!r}")


def infer_precision(start: date, end: date) -> str:
    """The precision an interval typed as two dates states: a whole year, half-year, quarter or
    month(s) when it covers exactly those, the day otherwise."""
    whole_months = start.day == 1 and end == _month_end(end.year, end.month)
    if not whole_months:
        return Precision.DAY
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.year == end.year and months == 12:
        return Precision.YEAR
    if start.year == end.year and months == 6 and start.month in (1, 7):
        return Precision.SEMESTER
    if start.year == end.year and months == 3 and start.month in (1, 4, 7, 10):
        return Precision.QUARTER
    return Precision.MONTH


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
