"""A staff member imports spreadsheets through the admin and adds a town from the gazetteer."""

import io

import pytest
from django.contrib.auth.models import Group, User
from openpyxl import Workbook

from events.models import Project

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password-123"
HEADER = [
    "id",
    "region",
    "french_partner",
    "russian_partner",
    "title",
    "description",
    "planned_date",
    "theme",
]


def sign_in_as_editor(page):
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def workbook_bytes() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["", "Occitanie", "toulouse", "Самара", "Festival d’automne", "", 44470, "Sport"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def french_csv_bytes() -> bytes:
    lines = [
        ";".join(HEADER),
        ";".join(["", "Bretagne", "Douarnenez", "Moscou", "Fête de la mer", "", "juin 2021", "sport"]),
    ]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def import_file(page, name, mime, data):
    page.goto(page.base_url + "/admin/events/project/")
    page.click("a.import_link")
    page.set_input_files("#id_import_file", {"name": name, "mimeType": mime, "buffer": data})
    page.click("input[type=submit]")
    page.wait_for_selector("#import-preview")


def test_a_staff_member_imports_an_xlsx_and_a_french_excel_csv_and_finds_them_proposed(page):
    sign_in_as_editor(page)

    import_file(
        page,
        "automne.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        workbook_bytes(),
    )
    preview = page.inner_text("#import-preview")
    assert "partenaire « toulouse » : exact → Toulouse" in preview
    assert "partenaire « Самара » : exact → Samara" in preview
    assert not Project.objects.filter(title_fr="Festival d’automne").exists()
    page.click("input[type=submit][value='Confirmer l’import']")
    page.wait_for_selector("#import-created")
    assert "Festival d’automne — proposé" in page.inner_text("#import-created")

    import_file(page, "mer.csv", "text/csv", french_csv_bytes())
    assert "thème « sport » : tolérant → Sport" not in page.inner_text("#import-preview")
    assert "thème « sport » : exact → Sport" in page.inner_text("#import-preview")
    page.click("input[type=submit][value='Confirmer l’import']")
    page.wait_for_selector("#import-created")

    page.goto(page.base_url + "/admin/events/project/?status__exact=proposed")
    listing = page.inner_text("#result_list")
    assert "Festival d’automne" in listing
    assert "Fête de la mer" in listing
    assert [
        p.status for p in Project.objects.filter(title_fr__in=["Festival d’automne", "Fête de la mer"])
    ] == [
        "proposed",
        "proposed",
    ]


def test_a_town_chosen_in_the_gazetteer_fills_the_territory_form(page):
    User.objects.create_superuser("admin", password=PASSWORD)
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(page.base_url + "/admin/partners/territory/add/")
    page.fill("#id_gazetteer", "Ковр")
    page.wait_for_selector("#gazetteer-places option[value='Ковров (Kovrov)']", state="attached")
    page.fill("#id_gazetteer", "Ковров (Kovrov)")
    assert page.input_value("#id_latitude") == "56.35752"
    assert page.input_value("#id_longitude") == "41.31893"
    assert page.input_value("#id_name_ru") == "Ковров"
    assert page.input_value("#id_country") == "RU"
