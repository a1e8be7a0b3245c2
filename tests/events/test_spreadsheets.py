"""The staff export (django-import-export) never hands a spreadsheet a formula, and imports it back."""

import pytest

from events.models import Project
from events.resources import ProjectResource
from events.spreadsheets import neutralise_formula, restore_formula_text
from tests.factories import make_project

pytestmark = pytest.mark.django_db

FORMULA = "=CMD|' /C calc'!A0"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-10 %", "'-10 %"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Festival = fête", "Festival = fête"),
        ("'quoted'", "'quoted'"),
        ("", ""),
        (None, None),
        (42, 42),
    ],
)
def test_only_cells_that_start_a_formula_are_quoted_and_the_quote_comes_off_again(cell, written):
    assert neutralise_formula(cell) == written
    assert restore_formula_text(written) == cell


def test_the_admin_export_quotes_a_crafted_title(client):
    project = make_project(title=FORMULA, slug="formule", description="@everyone")
    exported = ProjectResource().export(queryset=Project.objects.filter(pk=project.pk))
    row = exported.dict[0]
    assert (row["title"], row["description"], row["title_en"]) == (
        "'" + FORMULA,
        "'@everyone",
        "'" + FORMULA + " (en)",
    )
    assert (row["french_partner"], row["russian_partner"]) == ("Nice", "Moscou")  # others as they are
    assert "'=" in exported.export("csv")


def test_the_admin_export_of_the_whole_programme_has_no_formula_cell():
    exported = ProjectResource().export(queryset=Project.objects.all())
    cells = [cell for row in exported.dict for cell in row.values() if isinstance(cell, str)]
    assert cells and not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
