"""Spreadsheet imports as staff really make them: XLSX and French-Excel CSV, preview, confirm."""

import io
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from openpyxl import Workbook, load_workbook

from events import imports
from events.models import ImportState, Project, ProjectImport
from events.resources import ProjectResource
from partners.models import Partner, Territory
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db

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


def xlsx(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def french_csv(rows, header=HEADER, encoding="cp1252") -> bytes:
    """A CSV file as French Excel saves it: `;` between columns, Windows line ends."""
    lines = [";".join(header)] + [";".join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


@pytest.fixture
def editor(client):
    user = make_staff("editor", "Editors")
    client.force_login(user)
    return user


def upload(client, data, name):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("admin:events_project_import"), {"import_file": file})


def preview_of(client, data, name):
    response = upload(client, data, name)
    assert response.status_code == 302
    project_import = ProjectImport.objects.get()
    page = client.get(response["Location"])
    return project_import, page


def test_an_xlsx_with_excel_dates_is_previewed_then_imported_as_proposed_projects(client, editor):
    data = xlsx(
        [
            ["", "centre-val de loire", "LÉMERÉ", "Москва", "Fête d'été", "", datetime(2021, 7, 14), "SPORT"],
            ["", "Île-de-France", "Paris", "Moscou", "Forum d’hiver", "Débats", 44531, "Environnement"],
        ]
    )
    project_import, page = preview_of(client, data, "projets.xlsx")
    text = page.content.decode()
    assert project_import.rows[0]["planned_date"] == "14 juillet 2021"
    assert project_import.rows[1]["planned_date"] == "1er décembre 2021"
    assert Project.objects.filter(title_fr__in=["Fête d'été", "Forum d’hiver"]).count() == 0
    assert "Région française « centre-val de loire » : <strong>exact</strong> → Centre-Val de Loire" in text
    assert "partenaire « LÉMERÉ » : <strong>tolérant</strong> → Commune de Lémeré (Indre-et-Loire)" in text
    assert "partenaire « Москва » : <strong>exact</strong> → Moscou" in text
    assert "thème « SPORT » : <strong>exact</strong> → Sport" in text

    response = client.post(page.request["PATH_INFO"], follow=True)
    assert "Le tableau a été importé." in response.content.decode()
    created = Project.objects.filter(imports=project_import).order_by("pk")
    assert [(p.title_fr, p.status, p.submitted_at, p.reference) for p in created] == [
        ("Fête d'été", "proposed", None, None),
        ("Forum d’hiver", "proposed", None, None),
    ]
    first = created[0]
    assert (first.planned_start, first.planned_end, first.french_region.slug) == (
        date(2021, 7, 14),
        date(2021, 7, 14),
        "centre-val-de-loire",
    )
    assert list(imports.imported_not_submitted().order_by("pk")) == list(created)
    desk = client.get("/admin/").content.decode()
    queue = desk.split('<ul id="queue-imported">')[1].split("</ul>")[0]
    assert queue == "".join(
        f'<li><a href="/admin/events/project/{p.pk}/change/">{escape(p.title_fr)}</a></li>' for p in created
    )


def test_a_french_excel_csv_in_windows_1252_with_a_serial_date_is_read(client, editor):
    data = french_csv(
        [
            ["", "Bretagne", "Douarnenez", "Iaroslavl", "Rencontres d’artistes", "", "44392", "culture"],
        ],
        header=[*HEADER[:7], "theme"],
    )
    project_import, page = preview_of(client, data, "export excel.csv")
    row = project_import.rows[0]
    assert (row["row"], row["title"], row["planned_date"]) == (2, "Rencontres d’artistes", "15 juillet 2021")
    assert "thème « culture » : <strong>suggestion</strong>" in page.content.decode()


def test_a_utf8_csv_with_bom_and_commas_is_read():
    data = "\ufefftitle,french_partner,theme\r\nAtelier,Nice,Sport\r\n".encode()
    headers, rows = imports.read_spreadsheet(data, "file.csv")
    assert (headers, rows) == (
        ["title", "french_partner", "theme"],
        [{"row": 2, "title": "Atelier", "french_partner": "Nice", "theme": "Sport"}],
    )


def test_a_near_miss_is_suggested_with_its_row_number_and_nothing_can_be_written(client, editor):
    data = french_csv(
        [
            ["", "Bretagne", "Douarnenez", "Moscou", "Bon projet", "", "juin 2021", "Sport"],
            ["", "Bretagne", "Douarnenz", "Moscou", "Projet mal écrit", "", "juin 2021", "Sport"],
        ]
    )
    project_import, page = preview_of(client, data, "fautes.csv")
    text = page.content.decode()
    assert (
        "partenaire inconnu «\u00a0Douarnenz\u00a0»\u00a0: "
        "vouliez-vous dire «\u00a0Douarnenez (Finistère)\u00a0»\u00a0?"
    ) in text
    assert "Confirmer l’import" not in text
    assert "<td>3</td>" in text
    with pytest.raises(imports.ImportRefused) as refused:
        imports.apply_import(project_import=project_import)
    assert [item["row"] for item in refused.value.problems] == [3]
    assert not Project.objects.filter(title_fr="Bon projet").exists()


def test_errors_are_worded_in_the_admins_language_with_row_numbers_and_no_exception_names(client, editor):
    data = xlsx(
        [
            ["", "Narnia", "Nice", "Moscou", "", "", "le 45 du mois", ""],
        ]
    )
    project_import = imports.start_import(data=data, file_name="bad.xlsx", user=editor)
    project_import.state = ImportState.QUEUED
    project_import.save()
    imports._finish(project_import)
    with translation.override("en"):
        messages = imports.failure_messages(project_import)
    assert messages == [
        "Row 2: the title is missing; unknown French region “Narnia”; no theme; unreadable planned date "
        "“le 45 du mois” (write e.g. “14 octobre 2021” or “juin 2021”)."
    ]
    with translation.override("ru"):
        page = client.get(reverse("admin:events_project_import_preview", args=[project_import.pk]))
    text = page.content.decode()
    for word in ("Traceback", "ValueError", "Exception", "KeyError"):
        assert word not in text


def test_an_unreadable_file_gets_a_clear_message_not_an_error_page(client, editor):
    response = upload(client, b"PK\x03\x04 not really a workbook", "broken.xlsx")
    assert response.status_code == 200
    assert "Ce fichier n’est pas un classeur Excel lisible (.xlsx)." in response.content.decode()
    assert ProjectImport.objects.count() == 0


def test_a_possible_duplicate_is_flagged_before_anything_is_written(client, editor):
    make_project(title="Tournoi de judo des jeunes", slug="judo", french=("nice",), russian=("moscou",))
    data = xlsx([["", "", "Nice", "Moscou", "Tournoi de judo des jeunes", "", "décembre 2021", "Sport"]])
    project_import, page = preview_of(client, data, "doublon.xlsx")
    assert imports.preview(project_import)["rows"][0]["duplicates"] == [
        {
            "id": Project.objects.get(slug="judo").pk,
            "title": "Tournoi de judo des jeunes",
            "reasons": ["partners", "title", "dates"],
        }
    ]
    assert (
        f'href="/admin/events/project/{Project.objects.get(slug="judo").pk}/change/">'
        "Tournoi de judo des jeunes</a>" in page.content.decode()
    )


def test_a_new_partner_with_a_town_from_the_gazetteer_is_created_with_its_place(client, editor):
    data = xlsx(
        [["", "", "Mairie de Lémeré", "Администрация Коврова", "Échanges ruraux", "", "", "Sport"]],
        header=[*HEADER, "french_place", "russian_place"],
    )
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    sheet["I2"], sheet["J2"] = "Lemere", "Ковров"
    out = io.BytesIO()
    workbook.save(out)
    _project_import, page = preview_of(client, out.getvalue(), "nouveaux.xlsx")
    text = page.content.decode()
    assert "lieu « Lemere » : <strong>exact</strong> → Lémeré" in text
    assert "lieu « Ковров » : <strong>nouveau</strong> → Ковров (Kovrov)" in text
    client.post(page.request["PATH_INFO"])
    project = Project.objects.get(title_fr="Échanges ruraux")
    kovrov = Territory.objects.get(name_ru="Ковров")
    assert (kovrov.country, kovrov.parent.kind, kovrov.name_en) == ("RU", "country", "Kovrov")
    assert [(p.name_fr, p.territory.name_fr) for p in project.partners.order_by("country")] == [
        ("Mairie de Lémeré", "Lémeré"),
        ("Администрация Коврова", "Kovrov"),
    ]
    assert project.french_region.slug == "centre-val-de-loire"


def test_an_export_imported_back_unchanged_changes_nothing_and_writes_no_history(client, editor):
    projects = Project.objects.filter(status="published").order_by("pk")[:15]
    versions = {p.pk: p.version for p in projects}
    history = Project.history.count()
    exported = ProjectResource().export(queryset=Project.objects.filter(pk__in=versions))
    for data, name in (
        (exported.export("xlsx"), "export.xlsx"),
        (exported.export("csv").encode(), "export.csv"),
    ):
        project_import = imports.start_import(data=data, file_name=name, user=editor)
        assert imports.preview(project_import)["counts"] == {"create": 0, "update": 0, "unchanged": 15}
        imports.confirm_import(project_import=project_import)
        project_import.refresh_from_db()
        assert (project_import.state, project_import.result["unchanged"]) == (ImportState.DONE, 15)
    assert {p.pk: p.version for p in Project.objects.filter(pk__in=versions)} == versions
    assert Project.history.count() == history


def test_blank_translations_stay_blank_and_are_not_missing_when_the_french_is_blank_too(editor):
    data = xlsx([["", "", "Nice", "Moscou", "Sans description", "", "", "Sport"]])
    project_import = imports.start_import(data=data, file_name="blank.xlsx", user=editor)
    imports.confirm_import(project_import=project_import)
    project = Project.objects.get(title_fr="Sans description")
    assert (project.description_fr, project.description_ru, project.title_ru) == ("", "", "")
    from events.admin import missing_translation

    missing = Project.objects.filter(pk=project.pk).filter(missing_translation("ru"))
    assert list(missing.values_list("title_fr", flat=True)) == ["Sans description"]  # the title, only


def test_a_status_column_is_ignored_and_never_written(client, editor):
    proposed = make_project(title="Brouillon", slug="brouillon")
    exported = ProjectResource().export(queryset=Project.objects.filter(pk=proposed.pk))
    exported.append_col(["published"], header="status")
    exported.append_col(["FR-RU-2021-0999"], header="reference")
    exported.append_col(["2021-06-01"], header="labelled_on")
    _project_import, page = preview_of(client, exported.export("csv").encode(), "statuses.csv")
    assert "status, reference, labelled_on" in page.content.decode()
    client.post(page.request["PATH_INFO"])
    project = Project.objects.get(pk=proposed.pk)
    assert (project.status, project.reference, project.labelled_on, project.version) == (
        "proposed",
        None,
        None,
        1,
    )


def test_a_large_import_runs_on_the_task_queue(client, editor, settings, run_tasks):
    settings.IMPORT_INLINE_ROWS = 1
    data = xlsx(
        [["", "", "Nice", "Moscou", f"Projet en lot {n}", "", "juin 2021", "Sport"] for n in range(3)]
    )
    project_import, page = preview_of(client, data, "lot.xlsx")
    client.post(page.request["PATH_INFO"])
    project_import.refresh_from_db()
    assert project_import.state == ImportState.QUEUED
    assert "0 sur 3 lignes traitées" in client.get(page.request["PATH_INFO"]).content.decode()
    run_tasks()
    project_import.refresh_from_db()
    assert (project_import.state, project_import.processed) == (ImportState.DONE, 3)
    assert project_import.projects.count() == 3


def test_the_template_has_the_columns_an_example_and_the_valid_names_in_the_admins_language(client, editor):
    response = client.get(reverse("admin:events_project_import_template"), HTTP_ACCEPT_LANGUAGE="en")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["projects", "how to fill it in", "themes", "French regions"]
    projects = workbook["projects"]
    assert [c.value for c in projects[1]] == list(imports.COLUMNS)
    assert projects["G2"].value == datetime(2021, 7, 14)
    assert [r[0] for r in workbook["themes"].iter_rows(values_only=True)][:2] == [
        "Partnerships and twinning",
        "University cooperation and research",
    ]
    assert "Centre-Val de Loire" in [r[0] for r in workbook["French regions"].iter_rows(values_only=True)]
    _headers, rows = imports.read_spreadsheet(response.content, "template.xlsx")
    plan = imports.analyse(rows)[0]
    assert plan.problems == []


def test_a_partner_of_the_other_country_is_refused_on_a_side(client, editor):
    partner = Partner.objects.create(
        slug="ville-de-tours",
        name_fr="Ville de Tours",
        kind="local_authority",
        country="FR",
        territory=Territory.objects.get(slug="lemere").parent,
    )
    data = xlsx([["", "", "Nice", "Ville de Tours", "Mauvais côté", "", "", "Sport"]])
    project_import = imports.start_import(data=data, file_name="side.xlsx", user=editor)
    with translation.override("en"):
        assert imports.preview(project_import)["rows"][0]["problems"] == [
            "“Ville de Tours” is in France: it cannot be a partner on the Russian side"
        ]
    assert partner.pk


def test_the_project_list_filters_imported_projects_not_yet_submitted(client, editor):
    data = xlsx([["", "", "Nice", "Moscou", "Importé en attente", "", "", "Sport"]])
    imports.confirm_import(project_import=imports.start_import(data=data, file_name="a.xlsx", user=editor))
    page = client.get(reverse("admin:events_project_changelist"), {"imported": "waiting"})
    assert [p.title_fr for p in page.context["cl"].result_list] == ["Importé en attente"]
    assert "importé, pas encore soumis" in page.content.decode()


def test_straight_and_curly_apostrophes_and_accents_are_the_same_name(editor):
    data = french_csv(
        [
            [
                "",
                "auvergne rhone alpes",
                "Nice",
                "Region de l'Amour",
                "Coopération",
                "",
                "",
                "economie, tourisme",
            ]
        ]
    )
    project_import = imports.start_import(data=data, file_name="apostrophes.csv", user=editor)
    matches = imports.preview(project_import)["rows"][0]["matches"]
    assert [(m["text"], m["status"], m["label"]) for m in matches] == [
        ("auvergne rhone alpes", "tolerant", "Auvergne-Rhône-Alpes"),
        ("Nice", "exact", "Nice"),
        ("Region de l'Amour", "tolerant", "Région de l’Amour"),
        ("economie, tourisme", "tolerant", "Économie, tourisme"),
    ]


# Oversized files: a clear answer at once, nothing stored (reliability item 13) -----------------------


def test_a_file_over_ten_megabytes_is_refused_with_a_message(client, editor):
    row = ";".join(["", "Occitanie", "Toulouse", "Samara", "x" * 200, "y" * 800, "2021", "Sport"])
    data = french_csv([row.split(";")] * 11_000)
    assert len(data) > 10 * 1024 * 1024
    response = upload(client, data, "enorme.csv")
    assert response.status_code == 200
    assert (
        "Le fichier dépasse 10\u00a0Mo\u00a0: découpez-le en plusieurs fichiers." in response.content.decode()
    )
    assert ProjectImport.objects.count() == 0


def test_more_rows_than_an_import_takes_are_refused_with_a_message(client, editor):
    rows = [["", "Occitanie", "Toulouse", "Samara", f"Projet {n}", "", "2021", "Sport"] for n in range(5001)]
    response = upload(client, french_csv(rows), "long.csv")
    assert response.status_code == 200
    assert (
        "Le fichier a plus de 5000 lignes\u00a0: découpez-le en plusieurs fichiers."
        in response.content.decode()
    )
    assert ProjectImport.objects.count() == 0


def test_an_xlsx_with_twenty_thousand_empty_rows_is_read_as_its_one_row(client, editor):
    """Excel files often carry thousands of formatted, empty rows below the data."""
    from openpyxl import Workbook as StreamedWorkbook

    workbook = StreamedWorkbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    sheet.append(
        ["", "Occitanie", "Toulouse", "Samara", "Festival de jazz", "Concerts", "Semestre 2", "Sport"]
    )
    for _ in range(20_000):  # four times as many rows as an import takes
        sheet.append([None, ""])
    out = io.BytesIO()
    workbook.save(out)
    project_import, page = preview_of(client, out.getvalue(), "avec-lignes-vides.xlsx")
    assert [row["row"] for row in project_import.rows] == [2]
    assert page.status_code == 200


# A town named like a region's alternative spelling is the town (issue 15) ------------------------


def _russian_place_matches(editor, *places):
    rows = [
        ["", "", "Nice", f"Opéra de Perm {n}", "Saisons", "", "", "Sport", place]
        for n, place in enumerate(places)
    ]
    data = french_csv(rows, header=[*HEADER, "russian_place"], encoding="utf-8")
    project_import = imports.start_import(data=data, file_name="perm.csv", user=editor)
    return [
        (m["text"], m["status"], m["label"] or m["suggestion"])
        for row in imports.preview(project_import)["rows"]
        for m in row["matches"]
        if m["column"] == "russian_place"
    ]


def test_perm_in_the_place_column_is_the_town_not_the_krai_that_lists_its_name(editor):
    assert _russian_place_matches(editor, "Пермь", "Perm", "Perm'") == [
        ("Пермь", "new", "Пермь (Perm)"),
        ("Perm", "new", "Пермь (Perm)"),
        ("Perm'", "new", "Пермь (Perm)"),
    ]


def test_a_regions_own_name_and_a_spelling_no_town_has_still_match_the_region(editor):
    assert _russian_place_matches(editor, "Пермский край", "Région de Perm", "Moskva") == [
        ("Пермский край", "exact", "Kraï de Perm"),
        ("Région de Perm", "exact", "Kraï de Perm"),
        ("Moskva", "exact", "Moscou"),  # a federal city is a town itself
    ]


def test_perm_is_the_town_the_portal_already_has_when_it_has_it(editor):
    krai = Territory.objects.get(slug="krai-perm")
    Territory.objects.create(
        slug="perm",
        name_fr="Perm",
        name_ru="Пермь",
        name_en="Perm",
        country="RU",
        kind="city",
        parent=krai,
        latitude="58.01046",
        longitude="56.25017",
    )
    assert _russian_place_matches(editor, "Пермь", "Perm'") == [
        ("Пермь", "exact", "Perm"),
        ("Perm'", "tolerant", "Perm"),
    ]
