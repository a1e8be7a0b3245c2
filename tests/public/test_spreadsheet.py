"""The XLSX download of a filtered list: the CSV's rows, every cell text, no formula ever."""

import csv
import io

import openpyxl
import pytest

from events.models import LabellingStatus
from tests.factories import make_project

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rows_of(content: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [[cell.value if cell.value is not None else "" for cell in row] for row in sheet.iter_rows()]


def test_the_spreadsheet_has_the_rows_of_the_csv(client):
    xlsx = client.get("/api/projects.xlsx", {"theme": "sport"})
    body = client.get("/api/projects.csv", {"theme": "sport"}).content.decode("utf-8-sig")

    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == XLSX
    assert xlsx["Access-Control-Allow-Origin"] == "*"
    assert rows_of(xlsx.content) == list(csv.reader(io.StringIO(body)))
    assert len(rows_of(xlsx.content)) == 1 + 3


def test_a_title_that_looks_like_a_formula_stays_text(client):
    formula = '=HYPERLINK("http://evil.example/","Cliquez")'
    make_project(title=formula, slug="formule", status=LabellingStatus.PUBLISHED, themes=("sport",))

    response = client.get("/api/projects.xlsx", {"q": "Cliquez"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("title_fr") + 1)
    assert cell.value == formula
    assert cell.data_type == "s"
    assert sheet.max_row == 2


def test_a_bad_filter_answers_400_in_json(client):
    response = client.get("/api/projects.xlsx", {"month": "2021-13"})

    assert response.status_code == 400
    assert response.json() == {
        "errors": {"month": ["Saisissez un mois au format AAAA-MM, par exemple 2021-12."]}
    }
