"""The programme booklet and the project sheets: real PDFs, read back with pypdf, their QR codes
rasterised with PDFium and decoded with zxing-cpp.

Booklets here are filtered to a region or a theme of a few projects: a whole booklet takes tens of
seconds to lay out (docs/press.md gives the measures).
"""

import io
import re

import pypdf
import pypdfium2
import pytest
import zxingcpp
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from events import search, selectors
from events.models import Theme
from events.services import label_project, publish_project
from public.models import Booklet
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db

SITE = "http://localhost"


def text_of(pdf: bytes) -> str:
    """The text of every page, whitespace folded (titles wrap across lines)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def qr_codes(pdf: bytes) -> list[str]:
    """The text of every QR code on every page, in page order."""
    found = []
    document = pypdfium2.PdfDocument(pdf)
    for page in document:
        image = page.render(scale=3).to_pil()
        found += [result.text for result in zxingcpp.read_barcodes(image)]
    return found


def published_in(**filters):
    return list(selectors.published_projects().filter(**filters).order_by("pk"))


def test_the_booklet_of_a_region_lists_each_of_its_projects_in_french(client):
    response = client.get("/fr/programme.pdf?region=occitanie")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    projects = published_in(french_region__slug="occitanie")
    assert len(projects) == 5
    for project in projects:
        assert folded(project.title_fr) in text
    assert "Programme au " in text
    assert "5 projets" in text


def test_the_russian_booklet_is_in_russian_with_its_cyrillic_extracted(client):
    response = client.get("/ru/programma.pdf?region=occitanie")

    text = text_of(response.content)
    for project in published_in(french_region__slug="occitanie"):
        assert folded(project.title_ru) in text
    assert "Программа на " in text
    assert "Указатель мест" in text
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "ru"
    assert (
        reader.metadata.title
        == "Программа Российско-французского года децентрализованного сотрудничества 2021"
    )


def test_the_qr_codes_decode_to_the_short_links_of_the_projects(client):
    response = client.get("/en/programme.pdf?region=occitanie")

    expected = [f"{SITE}/p/{p.pk}/" for p in published_in(french_region__slug="occitanie")]
    assert sorted(qr_codes(response.content)) == sorted(expected)
    text = text_of(response.content)
    for url in expected:
        assert url in text


def test_the_booklet_has_bookmarks_a_title_and_page_numbers(client):
    response = client.get("/en/programme.pdf?region=occitanie")

    reader = pypdf.PdfReader(io.BytesIO(response.content))
    booklet = Booklet.objects.get()
    assert len(reader.pages) == booklet.page_count
    top_level = [item.title for item in reader.outline if not isinstance(item, list)]
    with translation.override("en"):
        first_themes = {
            next(iter(p.themes.all())).name
            for p in selectors.with_relations(selectors.published_projects()).filter(
                french_region__slug="occitanie"
            )
        }
    assert top_level[:2] == ["Franco-Russian Year of Decentralised Cooperation 2021", "Introduction"]
    assert set(top_level[2:-2]) == first_themes
    assert top_level[-2:] == ["Map of the cooperation", "Index of places"]
    assert reader.metadata.title == "Programme of the Franco-Russian Year of Decentralised Cooperation 2021"
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])  # a tagged PDF, with its structure tree
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en"


def test_the_booklet_can_be_grouped_by_region(client):
    response = client.get("/fr/programme.pdf?theme=sport&group=region")

    reader = pypdf.PdfReader(io.BytesIO(response.content))
    top_level = [item.title for item in reader.outline if not isinstance(item, list)]
    projects = published_in(themes__slug="sport")
    regions = sorted({p.french_region.name_fr for p in projects if p.french_region}, key=search.fold)
    assert [p for p in projects if p.french_region is None]  # the Ministry of Sports' project
    # Regions by name, then the projects without a French region.
    assert top_level[2:-2] == [*regions, "Sans région française indiquée"]


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("theme=nope", "theme: Sélectionnez un choix valide."),
        ("month=2021-13", "month: Saisissez un mois au format AAAA-MM, par exemple 2021-12."),
        ("group=partner", "group: Groupez le livret par «\u202ftheme\u202f» ou «\u202fregion\u202f»."),
    ],
)
def test_a_bad_filter_answers_400_with_the_reason(client, query, reason):
    response = client.get(f"/fr/programme.pdf?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert reason in response.content.decode()
    assert not Booklet.objects.exists()


def test_a_booklet_is_built_once_then_served_with_validators(client):
    first = client.get("/fr/programme.pdf?region=occitanie&page=3&utm_source=mail")
    second = client.get("/fr/programme.pdf?utm_source=other&region=occitanie")

    booklet = Booklet.objects.get()
    assert booklet.query == "region=occitanie"
    assert second.content == first.content
    assert second["ETag"] == f'"{booklet.digest}"'
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"
    revalidated = client.get("/fr/programme.pdf?region=occitanie", HTTP_IF_NONE_MATCH=second["ETag"])
    assert revalidated.status_code == 304
    assert revalidated.content == b""
    assert client.head("/fr/programme.pdf?region=occitanie").status_code == 200


def test_a_publication_rebuilds_the_booklet_in_the_task_queue(
    client, run_tasks, django_capture_on_commit_callbacks
):
    client.get("/en/programme.pdf?region=occitanie")
    before = Booklet.objects.get()
    committee = make_staff("committee", "Labelling committee")
    project = make_project(title="Festival du vent d'autan", french=("toulouse",))

    with django_capture_on_commit_callbacks(execute=True):
        label_project(project=project, user=committee)
        publish_project(project=project, user=committee)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    served_meanwhile = client.get("/en/programme.pdf?region=occitanie")
    assert served_meanwhile.content == bytes(before.pdf)  # the previous booklet, never a build
    run_tasks()

    after = Booklet.objects.get()
    assert after.built_version == after.version
    assert after.project_count == before.project_count + 1
    text = text_of(client.get("/en/programme.pdf?region=occitanie").content)
    assert "Festival du vent d'autan (en)" in text
    assert f"{SITE}/p/{project.pk}/" in qr_codes(bytes(after.pdf))


def test_a_failing_build_keeps_the_previous_booklet_and_tells_staff(
    client, run_tasks, django_capture_on_commit_callbacks
):
    client.get("/fr/programme.pdf?theme=sport")
    before = Booklet.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        Theme.objects.filter(slug="sport").delete()  # the booklet's filter now names nothing
    run_tasks()

    after = Booklet.objects.get()
    assert bytes(after.pdf) == bytes(before.pdf)
    assert after.built_version < after.version
    assert "theme" in after.error
    assert after.failed_at is not None
    [result] = DBTaskResult.objects.all()
    assert result.status == "FAILED"
    assert result.exception_class_path == "public.booklets.BookletBuildFailed"
    assert client.get("/fr/programme.pdf?theme=sport").status_code == 400  # the list's answer too


def test_changes_without_any_booklet_enqueue_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Theme.objects.filter(slug="sport").update(position=9)
        Theme.objects.get(slug="sport").save()

    assert not DBTaskResult.objects.exists()


def test_a_project_sheet_is_one_page_with_its_qr_code(client):
    project = published_in(french_region__slug="occitanie")[0]

    response = client.get(f"/ru/proekty/{project.slug}.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    assert folded(project.title_ru) in text_of(response.content)
    assert qr_codes(response.content) == [f"{SITE}/p/{project.pk}/"]


def test_an_unpublished_project_has_no_sheet(client):
    project = make_project(title="Projet confidentiel")

    assert client.get(f"/fr/projets/{project.slug}.pdf").status_code == 404


def test_staff_see_a_failed_booklet_on_the_admin_home(client, run_tasks, django_capture_on_commit_callbacks):
    client.get("/en/programme.pdf?theme=sport")
    with django_capture_on_commit_callbacks(execute=True):
        Theme.objects.filter(slug="sport").delete()
    run_tasks()
    client.force_login(make_staff("committee", "Labelling committee"))

    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Programme booklets that could not be rebuilt" in page
    assert "EN theme=sport" in page


def test_a_booklet_too_large_for_a_request_is_queued_and_the_reader_asked_to_come_back(
    client, settings, run_tasks, django_capture_on_commit_callbacks
):
    settings.BOOKLET_BUILD_IN_REQUEST_MAX_PROJECTS = 4  # Occitanie has 5 projects in the real programme

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/en/programme.pdf?region=occitanie")

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "This booklet has 5 projects: too many to build while you wait." in html
    assert 'href="/en/programme.pdf?region=occitanie"' in html
    queued = Booklet.objects.get()
    assert (queued.is_built, queued.project_count, queued.version, queued.built_version) == (False, 5, 1, 0)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        again = client.get("/en/programme.pdf?region=occitanie")
    assert again.status_code == 503  # the same row: no build in the request, no second task
    assert DBTaskResult.objects.count() == 1

    run_tasks()

    served = client.get("/en/programme.pdf?region=occitanie")
    built = Booklet.objects.get()
    assert served.status_code == 200
    assert served["ETag"] == f'"{built.digest}"'
    assert (built.is_built, built.project_count, built.built_version) == (True, 5, 1)
    assert len(pypdf.PdfReader(io.BytesIO(served.content)).pages) == built.page_count


def test_the_press_room_does_not_show_a_booklet_still_queued(client, settings):
    settings.BOOKLET_BUILD_IN_REQUEST_MAX_PROJECTS = 10  # the whole real programme has 73 projects
    assert client.get("/fr/programme.pdf").status_code == 503

    html = client.get("/fr/presse/").content.decode()

    assert "pages, édition du" not in html


def test_a_selection_larger_than_a_booklet_holds_answers_400_with_what_to_do(client, settings):
    settings.BOOKLET_MAX_PROJECTS = 72  # the whole real programme has 73 projects

    response = client.get("/en/programme.pdf")

    assert response.status_code == 400
    html = response.content.decode()
    assert "This selection has 73 projects: a booklet holds at most 72." in html
    assert "A smaller selection (a region, a theme, a month) has its own, shorter booklet" in html
    assert Booklet.objects.count() == 0
    assert DBTaskResult.objects.count() == 0
    assert client.get("/en/programme.pdf?region=occitanie").status_code == 200  # 5 projects


def test_a_booklet_whose_selection_grew_beyond_the_limit_is_dropped_not_rebuilt(
    client, settings, run_tasks, django_capture_on_commit_callbacks
):
    client.get("/en/programme.pdf?region=occitanie")  # 5 projects
    settings.BOOKLET_MAX_PROJECTS = 5
    committee = make_staff("committee", "Labelling committee")
    project = make_project(title="Festival du vent d'autan", french=("toulouse",))

    with django_capture_on_commit_callbacks(execute=True):
        label_project(project=project, user=committee)
        publish_project(project=project, user=committee)
    run_tasks()

    assert Booklet.objects.count() == 0
    assert client.get("/en/programme.pdf?region=occitanie").status_code == 400
