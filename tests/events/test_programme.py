import json
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from events.models import Project
from events.programme import load_programme, read_fixture
from partners.models import PartnerPair

pytestmark = pytest.mark.django_db

# The PDF has 77 rows; four projects are listed twice (Evreux–Kashira, UVSQ–Amur,
# Marne-la-Vallée–Voronezh, and Avignon–Perm twice in the culture section).
DISTINCT_PROJECTS = 73


def test_every_distinct_project_of_the_pdf_is_loaded_once():
    assert Project.objects.count() == DISTINCT_PROJECTS
    rows = sum(len(p["pdf_rows"]) for p in read_fixture()["projects"])
    assert rows == 77


def test_loading_twice_creates_nothing():
    report = load_programme()
    assert report.created == {}
    assert Project.objects.count() == DISTINCT_PROJECTS


def test_update_mode_keeps_staff_edits_and_does_not_duplicate():
    Project.objects.filter(reference="FR-RU-2021-0007").update(title_fr="changé")
    report = load_programme(update=True)
    assert Project.objects.get(reference="FR-RU-2021-0007").title_fr == "changé"
    assert Project.objects.count() == DISTINCT_PROJECTS
    assert (report.created, report.updated, report.kept) == ({}, {}, {"Project": 1})


def test_every_project_has_its_title_in_three_languages():
    for project in Project.objects.all():
        assert project.title_fr and project.title_ru and project.title_en, project.reference
        assert not project.title_ru.startswith("[")


def test_descriptions_are_translated_wherever_the_pdf_has_one():
    for project in Project.objects.exclude(description_fr=""):
        assert project.description_ru and project.description_en, project.reference


def test_a_row_listed_under_two_themes_is_one_project_in_both():
    evreux = Project.objects.get(participations__partner__slug="evreux")
    assert sorted(evreux.themes.values_list("slug", flat=True)) == ["environment", "partnerships-twinning"]


def test_the_six_themes_keep_the_programme_order():
    from events.models import Theme

    assert list(Theme.objects.values_list("slug", flat=True)) == [
        "partnerships-twinning",
        "university-research",
        "culture-education",
        "economy-tourism",
        "environment",
        "sport",
    ]


def test_twinning_years_from_the_programme_are_recorded():
    pair = PartnerPair.objects.get(french_partner__slug="poitiers", russian_partner__slug="iaroslavl")
    assert pair.is_twinning and pair.twinned_in == 1970
    assert PartnerPair.objects.get(french_partner__slug="arles").twinned_in == 1976


def test_projects_of_the_programme_are_published_and_labelled_at_the_launch():
    assert set(Project.objects.values_list("status", flat=True)) == {"published"}
    assert {str(d) for d in Project.objects.values_list("labelled_on", flat=True)} == {"2021-03-19"}


def test_a_broken_fixture_is_refused_whole_with_every_problem(tmp_path):
    from events.programme import DEFAULT_DIRECTORY

    shutil.copytree(DEFAULT_DIRECTORY, tmp_path / "programme")
    path = tmp_path / "programme" / "projects" / "6_sport.json"
    projects = json.loads(path.read_text())
    projects[0]["planned"]["fr"] = "un jour peut-être"
    projects[1]["themes"] = ["cooking"]
    projects[2]["title"]["ru"] = ""
    projects.append(
        {
            **projects[0],
            "ref": 999,
            "title": {"fr": "Nouveau", "ru": "Новый", "en": "New"},
            "planned": {"fr": "", "ru": "", "en": ""},
        }
    )
    path.write_text(json.dumps(projects, ensure_ascii=False))
    Project.objects.all().delete()

    with pytest.raises(CommandError) as excinfo:
        call_command("load_programme", directory=tmp_path / "programme")

    message = str(excinfo.value)
    assert "un jour peut-être" in message and "cooking" in message and "project 73 title" in message
    assert Project.objects.count() == 0


def test_export_has_the_documented_shape():
    out = StringIO()
    call_command("export_programme", stdout=out)
    document = json.loads(out.getvalue())
    assert document["count"] == DISTINCT_PROJECTS == len(document["results"])
    first = document["results"][0]
    assert set(first) >= {
        "id",
        "url",
        "title",
        "description",
        "themes",
        "french_partners",
        "russian_partners",
        "french_region",
        "planned",
        "status",
        "labelled_on",
    }
    assert set(first["title"]) == {"fr", "ru", "en"}
    assert first["url"].startswith("/fr/")
    assert set(first["planned"]) == {"text", "start", "end", "precision", "source"}
    assert set(first["editorial_note"]) == {"fr", "ru", "en"}
    bordeaux = next(p for p in document["results"] if p["reference"] == "FR-RU-2021-0016")
    assert bordeaux["planned"] | {"text": None} == {
        "text": None,
        "start": "2021-12-09",
        "end": "2021-12-19",
        "precision": "day",
        "source": "programme",
    }
    assert bordeaux["french_region"]["name"]["ru"] == "Новая Аквитания"
    assert [p["name"]["en"] for p in bordeaux["russian_partners"]] == ["Saint Petersburg"]


def test_export_leaves_out_unpublished_projects():
    from tests.factories import make_project

    make_project(title="Brouillon")
    out = StringIO()
    call_command("export_programme", stdout=out)
    assert "Brouillon" not in out.getvalue()


def project(ref):
    return Project.objects.get(reference=f"FR-RU-2021-{ref:04d}")


def russian_partner_slugs(ref):
    return sorted(project(ref).participations.filter(side="ru").values_list("partner__slug", flat=True))


def test_the_nanterre_project_is_in_veliky_novgorod_with_its_twinning_and_says_what_the_pdf_printed():
    nanterre = project(47)
    assert russian_partner_slugs(47) == ["veliky-novgorod"]
    assert set(nanterre.territories.values_list("slug", flat=True)) >= {"veliky-novgorod", "oblast-novgorod"}
    assert not nanterre.territories.filter(slug="oblast-nijni-novgorod").exists()
    pair = PartnerPair.objects.get(french_partner__slug="nanterre", russian_partner__slug="veliky-novgorod")
    assert pair.is_twinning and pair.twinned_in is None
    assert "Région de Nijni Novgorod" in nanterre.editorial_note_fr
    assert "Нижегородская область" in nanterre.editorial_note_ru
    assert "Nizhny Novgorod Oblast" in nanterre.editorial_note_en


def test_dijon_volgograd_keeps_the_printed_2020_but_is_planned_over_2021():
    dijon = project(2)
    assert dijon.planned_text_fr == "Tout au long de l’année 2020"
    assert (str(dijon.planned_start), str(dijon.planned_end), dijon.planned_precision) == (
        "2021-01-01",
        "2021-12-31",
        "year",
    )
    assert "2020" in dijon.editorial_note_en and "2021" in dijon.editorial_note_en


def test_beziers_is_twinned_with_the_city_of_stavropol():
    assert russian_partner_slugs(45) == ["stavropol"]
    pair = PartnerPair.objects.get(french_partner__slug="beziers", russian_partner__slug="stavropol")
    assert pair.is_twinning
    assert project(45).territories.filter(slug="krai-stavropol").exists()  # the city lies in the krai


def test_the_avignon_exhibition_keeps_its_printed_region_with_a_note_on_krasnoyarsk():
    avignon = project(48)
    assert russian_partner_slugs(48) == ["region-leningrad"]
    assert "Krasnoyarsk" in avignon.editorial_note_en and "Красноярск" in avignon.editorial_note_ru


def test_the_wrestling_project_of_a_national_body_has_no_french_region():
    wrestling = project(73)
    assert wrestling.french_region is None
    assert not wrestling.territories.filter(country="FR").exists()
    assert not Project.objects.filter(
        territories__slug="ile-de-france", reference=wrestling.reference
    ).exists()
    assert project(72).french_region.slug == "ile-de-france"  # the martial arts festival is at Bercy, Paris


def test_dates_read_from_a_description_or_a_title_say_so():
    sources = dict(
        Project.objects.exclude(planned_source="programme").values_list("reference", "planned_source")
    )
    assert sources == {
        "FR-RU-2021-0031": "description",
        "FR-RU-2021-0032": "description",
        "FR-RU-2021-0033": "description",
        "FR-RU-2021-0038": "title",
        "FR-RU-2021-0042": "description",
        "FR-RU-2021-0048": "description",
        "FR-RU-2021-0053": "description",
        "FR-RU-2021-0054": "title",
        "FR-RU-2021-0060": "title",
    }


def test_every_editorial_note_is_written_in_three_languages():
    noted = Project.objects.exclude(editorial_note_fr="")
    assert noted.count() == 24
    for entry in noted:
        assert entry.editorial_note_ru and entry.editorial_note_en, entry.reference
    assert set(Project.objects.filter(editorial_note_fr="").values_list("editorial_note_en", flat=True)) == {
        ""
    }


def test_a_fixture_with_an_unknown_date_source_or_an_untranslated_note_is_refused(tmp_path):
    from events.programme import DEFAULT_DIRECTORY

    shutil.copytree(DEFAULT_DIRECTORY, tmp_path / "programme")
    path = tmp_path / "programme" / "projects" / "6_sport.json"
    projects = json.loads(path.read_text())
    projects[0]["planned_source"] = "rumour"
    projects[1]["editorial_note"] = {"fr": "Note", "ru": "", "en": "Note"}
    path.write_text(json.dumps(projects, ensure_ascii=False))

    with pytest.raises(CommandError) as excinfo:
        call_command("load_programme", directory=tmp_path / "programme")

    message = str(excinfo.value)
    assert "project 71: unknown planned_source rumour" in message
    assert "project 72 editorial note: a translation is empty" in message
