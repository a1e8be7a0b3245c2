"""Planned periods typed in Russian or English (and French seasons), as staff type them in the admin."""

from datetime import date

import pytest

from events.periods import Precision, infer_precision, parse_planned

D = date
WORDINGS = {
    # French, beyond the programme's own wordings
    "du 12 au 18 octobre 2021": (D(2021, 10, 12), D(2021, 10, 18), "day"),
    "été 2021": (D(2021, 6, 1), D(2021, 8, 31), "month"),
    "printemps 2021": (D(2021, 3, 1), D(2021, 5, 31), "month"),
    "automne 2021": (D(2021, 9, 1), D(2021, 11, 30), "month"),
    "hiver 2021": (D(2021, 12, 1), D(2022, 2, 28), "month"),
    # Russian
    "с 12 по 18 октября 2021 года": (D(2021, 10, 12), D(2021, 10, 18), "day"),
    "12–18 октября 2021 г.": (D(2021, 10, 12), D(2021, 10, 18), "day"),
    "1 мая 2021 года": (D(2021, 5, 1), D(2021, 5, 1), "day"),
    "октябрь 2021 года": (D(2021, 10, 1), D(2021, 10, 31), "month"),
    "в марте 2021 года": (D(2021, 3, 1), D(2021, 3, 31), "month"),
    "апрель — сентябрь 2021 года": (D(2021, 4, 1), D(2021, 9, 30), "month"),
    "второе полугодие 2021 года": (D(2021, 7, 1), D(2021, 12, 31), "semester"),
    "первое полугодие": (D(2021, 1, 1), D(2021, 6, 30), "semester"),
    "II полугодие 2021": (D(2021, 7, 1), D(2021, 12, 31), "semester"),
    "третий квартал 2021 года": (D(2021, 7, 1), D(2021, 9, 30), "quarter"),
    "3-й квартал 2021 года": (D(2021, 7, 1), D(2021, 9, 30), "quarter"),
    "IV квартал 2021": (D(2021, 10, 1), D(2021, 12, 31), "quarter"),
    "весна 2021": (D(2021, 3, 1), D(2021, 5, 31), "month"),
    "лето 2021 года": (D(2021, 6, 1), D(2021, 8, 31), "month"),
    "осенью 2021 года": (D(2021, 9, 1), D(2021, 11, 30), "month"),
    "зима 2021": (D(2021, 12, 1), D(2022, 2, 28), "month"),
    "в течение 2021 года": (D(2021, 1, 1), D(2021, 12, 31), "year"),
    "2021 год": (D(2021, 1, 1), D(2021, 12, 31), "year"),
    # English
    "October 2021": (D(2021, 10, 1), D(2021, 10, 31), "month"),
    "October 12–18, 2021": (D(2021, 10, 12), D(2021, 10, 18), "day"),
    "October 12, 2021": (D(2021, 10, 12), D(2021, 10, 12), "day"),
    "12 October 2021": (D(2021, 10, 12), D(2021, 10, 12), "day"),
    "from 12 to 18 October 2021": (D(2021, 10, 12), D(2021, 10, 18), "day"),
    "April–September 2021": (D(2021, 4, 1), D(2021, 9, 30), "month"),
    "mid-May to June 2021": (D(2021, 5, 1), D(2021, 6, 30), "month"),
    "2nd half of 2021": (D(2021, 7, 1), D(2021, 12, 31), "semester"),
    "first half of 2021": (D(2021, 1, 1), D(2021, 6, 30), "semester"),
    "H2 2021": (D(2021, 7, 1), D(2021, 12, 31), "semester"),
    "third quarter of 2021": (D(2021, 7, 1), D(2021, 9, 30), "quarter"),
    "Q4 2021": (D(2021, 10, 1), D(2021, 12, 31), "quarter"),
    "summer 2021": (D(2021, 6, 1), D(2021, 8, 31), "month"),
    "autumn 2021": (D(2021, 9, 1), D(2021, 11, 30), "month"),
    "throughout 2021": (D(2021, 1, 1), D(2021, 12, 31), "year"),
}


@pytest.mark.parametrize(("wording", "expected"), WORDINGS.items())
def test_a_russian_or_english_wording_becomes_its_interval(wording, expected):
    period = parse_planned(wording)
    assert (period.start, period.end, period.precision) == expected


@pytest.mark.parametrize(
    "wording", ["31 сентября 2021", "September 31, 2021", "18-12 октября 2021", "пятое полугодие", "Q5 2021"]
)
def test_an_impossible_or_unknown_russian_or_english_wording_is_refused(wording):
    with pytest.raises(ValueError):
        parse_planned(wording)


@pytest.mark.parametrize(
    ("start", "end", "precision"),
    [
        (D(2021, 10, 12), D(2021, 10, 18), Precision.DAY),
        (D(2021, 10, 1), D(2021, 10, 31), Precision.MONTH),
        (D(2021, 6, 1), D(2021, 8, 31), Precision.MONTH),
        (D(2021, 7, 1), D(2021, 9, 30), Precision.QUARTER),
        (D(2021, 7, 1), D(2021, 12, 31), Precision.SEMESTER),
        (D(2021, 1, 1), D(2021, 12, 31), Precision.YEAR),
        (D(2021, 1, 1), D(2022, 12, 31), Precision.MONTH),
    ],
)
def test_two_dates_state_their_precision(start, end, precision):
    assert infer_precision(start, end) == precision
