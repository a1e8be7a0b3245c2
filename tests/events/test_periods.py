import re
from datetime import date

import pytest
from django.utils import translation

from events.periods import Precision, describe_period, parse_planned
from events.programme import read_fixture

D = date
# Every wording of the programme (date column, or the date a title or description states).
WORDINGS = {
    "": (None, None, "unknown"),
    "Tout au long de l’année 2020": (D(2020, 1, 1), D(2020, 12, 31), "year"),
    "Tout au long de l’année 2021": (D(2021, 1, 1), D(2021, 12, 31), "year"),
    "Semestre 2": (D(2021, 7, 1), D(2021, 12, 31), "semester"),
    "A voir au semestre 2": (D(2021, 7, 1), D(2021, 12, 31), "semester"),
    "Second semestre": (D(2021, 7, 1), D(2021, 12, 31), "semester"),
    "Second semestre 2021": (D(2021, 7, 1), D(2021, 12, 31), "semester"),
    "Premier semestre": (D(2021, 1, 1), D(2021, 6, 30), "semester"),
    "Semestre 2 : décembre 2021": (D(2021, 12, 1), D(2021, 12, 31), "month"),
    "Décembre 2021": (D(2021, 12, 1), D(2021, 12, 31), "month"),
    "septembre 2021": (D(2021, 9, 1), D(2021, 9, 30), "month"),
    "juillet 2021": (D(2021, 7, 1), D(2021, 7, 31), "month"),
    "avril-mai 2021": (D(2021, 4, 1), D(2021, 5, 31), "month"),
    "avril - septembre 2021": (D(2021, 4, 1), D(2021, 9, 30), "month"),
    "Semestre 1 : février 2021 (webinaire uniquement)": (D(2021, 2, 1), D(2021, 2, 28), "month"),
    "Premier semestre : février 2021": (D(2021, 2, 1), D(2021, 2, 28), "month"),
    "Second semestre 2021 : fin août – début septembre": (D(2021, 8, 1), D(2021, 9, 30), "month"),
    "3ème trimestre 2021": (D(2021, 7, 1), D(2021, 9, 30), "quarter"),
    "2ème trimestre 2021": (D(2021, 4, 1), D(2021, 6, 30), "quarter"),
    "Second semestre : du 9 au 19 décembre 2021": (D(2021, 12, 9), D(2021, 12, 19), "day"),
    "1 février 2021 – 28 février 2021": (D(2021, 2, 1), D(2021, 2, 28), "day"),
    "Premier semestre : 20 – 21 juin 2021": (D(2021, 6, 20), D(2021, 6, 21), "day"),
    "Second semestre 2021 : 6 – 9 septembre": (D(2021, 9, 6), D(2021, 9, 9), "day"),
    "11-15 mai 2021": (D(2021, 5, 11), D(2021, 5, 15), "day"),
    "21-25 septembre 2021": (D(2021, 9, 21), D(2021, 9, 25), "day"),
    "du 13 novembre au 23 décembre 2021": (D(2021, 11, 13), D(2021, 12, 23), "day"),
    "du 3 mars au 23 avril 2021": (D(2021, 3, 3), D(2021, 4, 23), "day"),
}


@pytest.mark.parametrize(("wording", "expected"), WORDINGS.items())
def test_each_programme_wording_becomes_its_interval(wording, expected):
    period = parse_planned(wording)
    assert (period.start, period.end, period.precision) == expected


def test_the_table_covers_every_wording_of_the_fixture():
    # The fixture binds "19 mars 2021" and "Semestre 2 : …" with non-breaking spaces (typography only).
    wordings = {re.sub("[\u00a0\u202f]", " ", p["planned"]["fr"]) for p in read_fixture()["projects"]}
    assert wordings <= set(WORDINGS), wordings - set(WORDINGS)


def test_a_blank_date_is_unknown_not_the_first_of_january():
    assert parse_planned("   ").start is None


@pytest.mark.parametrize("wording", ["bientôt", "31 février 2021", "semestre 3", "Q5"])
def test_a_wording_without_a_period_is_refused(wording):
    with pytest.raises(ValueError):
        parse_planned(wording)


def test_a_wording_without_year_takes_the_programme_year():
    assert parse_planned("Semestre 2", default_year=2022).start == D(2022, 7, 1)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "second semestre 2021"),
        ("en", "second half of 2021"),
        ("ru", "второе полугодие 2021\u00a0года"),
    ],
)
def test_a_half_year_is_described_as_such_in_each_language(lang, expected):
    with translation.override(lang):
        assert describe_period(D(2021, 7, 1), D(2021, 12, 31), Precision.SEMESTER) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "9–19\u00a0décembre\u00a02021"),
        ("en", "9–19 December 2021"),
        ("ru", "9–19\u00a0декабря\u00a02021\u00a0года"),
    ],
)
def test_a_day_range_is_described_with_its_days(lang, expected):
    with translation.override(lang):
        assert describe_period(D(2021, 12, 9), D(2021, 12, 19), Precision.DAY) == expected


def test_an_unknown_period_of_a_year_to_come_is_to_be_announced(settings):
    settings.PROGRAMME_YEAR = date.today().year + 1
    with translation.override("en"):
        assert describe_period(None, None, Precision.UNKNOWN) == "date to be announced"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "avril – septembre\u00a02021"),
        ("en", "April–September 2021"),
        ("ru", "апрель\u00a0— сентябрь\u00a02021\u00a0года"),
    ],
)
def test_a_month_range_is_written_as_each_language_writes_it(lang, expected):
    with translation.override(lang):
        assert describe_period(D(2021, 4, 1), D(2021, 9, 30), Precision.MONTH) == expected


def test_a_russian_period_across_two_years_names_both_years():
    with translation.override("ru"):
        assert describe_period(D(2021, 12, 1), D(2022, 1, 31), Precision.MONTH) == (
            "декабрь\u00a02021\u00a0года\u00a0— январь\u00a02022\u00a0года"
        )


def test_an_unknown_period_of_a_year_that_is_over_is_not_specified(settings):
    settings.PROGRAMME_YEAR = date.today().year - 1
    with translation.override("en"):
        assert describe_period(None, None, Precision.UNKNOWN) == "date not specified"
    with translation.override("fr"):
        assert describe_period(None, None, Precision.UNKNOWN) == "date non précisée"
