"""The staff desk: the admin in the staff member's language, a history that reads as a diff, periods
typed as words, and translations that know when their French source changed."""

import re

import pytest
from django.urls import reverse

from events.models import Theme
from partners.models import Partner
from tests.events.test_workflow_guard import form_data
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


def change_url(project):
    return reverse("admin:events_project_change", args=[project.pk])


@pytest.fixture
def editor(client):
    client.force_login(make_staff("editor", "Editors"))
    return client


def post_change(client, project, **changes):
    data = form_data(client.get(change_url(project)))
    data.update(changes)
    return client.post(change_url(project), data)


# Language and branding -----------------------------------------------------------------------


def test_the_language_switcher_posts_to_set_language_and_the_admin_answers_in_russian(editor):
    page = editor.get("/admin/events/project/").content.decode()
    assert '<form id="admin-language" class="admin-language" action="/i18n/setlang/" method="post">' in page
    assert '<input type="hidden" name="next" value="/admin/events/project/">' in page
    assert 'name="csrfmiddlewaretoken"' in page.split('id="admin-language"')[1].split("</form>")[0]
    next_page = "/admin/events/project/?status__exact=published"
    response = editor.post("/i18n/setlang/", {"language": "ru", "next": next_page})
    assert (response.status_code, response["Location"]) == (302, next_page)
    assert editor.cookies["django_language"].value == "ru"
    page = editor.get("/admin/events/project/").content.decode()
    assert '<html lang="ru"' in page
    assert "Российско-французский год децентрализованного сотрудничества 2021" in page
    assert "Выберите проект для изменения" in page


def test_the_language_switcher_needs_its_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_staff("editor", "Editors"))
    response = strict.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    assert response.status_code == 403
    assert "django_language" not in strict.cookies


def test_the_switcher_refuses_to_send_the_staff_member_elsewhere(editor):
    response = editor.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/admin/"})
    assert (response.status_code, response["Location"]) == (302, "/")


@pytest.mark.parametrize(
    ("lang", "header", "index_title"),
    [
        ("fr", "Année franco-russe de la coopération décentralisée 2021", "Bureau de l’équipe"),
        (
            "ru",
            "Российско-французский год децентрализованного сотрудничества 2021",
            "Рабочий стол сотрудников",
        ),
        ("en", "Franco-Russian Year of Decentralised Cooperation 2021", "Staff desk"),
    ],
)
def test_the_admin_carries_the_years_name_in_each_language(editor, lang, header, index_title):
    editor.cookies["django_language"] = lang
    page = editor.get("/admin/").content.decode()
    assert f'<div id="site-name"><a href="/admin/">{header}</a></div>' in page
    assert f"<title>{index_title} | {header}</title>" in page
    assert "Django" not in re.sub(r"<[^>]+>", " ", page)


# The admin in French and Russian: no English left ------------------------------------------------

# English strings of Django, django-simple-history, django-import-export and ours that a staff member
# would see on these pages if a catalogue lacked them (checked in the visible text, as whole words).
ENGLISH = [
    "Django administration",
    "Site administration",
    "Select project to change",
    "Change project",
    "Add project",
    "Save and continue editing",
    "Save and add another",
    "Delete",
    "History",
    "Change history",
    "View on site",
    "Filter",
    "Search",
    "Go",
    "Import",
    "Export",
    "File to import",
    "Submit",
    "Date/time",
    "Changed by",
    "Changes",
    "Comment",
    "Created",
    "Changed",
    "Log out",
    "Welcome",
    "Language of the admin",
    "Staff desk",
    "French source",
    "Planned period in words",
    "Save and open the next project missing Russian",
    "missing translation",
    "translation out of date",
    "labelling queue",
    "proposed",
    "labelled",
    "published",
    "withdrawn",
    "Label the selected projects",
    "Publish the selected projects",
    "Withdraw the selected projects",
    "Translations out of date",
    "Partners and place",
    "Planned period",
    "Labelling",
    "workflow",
]


# The same words in French: only Russian must not show them.
ENGLISH_NOT_FRENCH = {"ru": ["Action", "Format", "versions"], "fr": []}


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def admin_pages(project):
    return [
        "/admin/",
        "/admin/events/project/",
        change_url(project),
        reverse("admin:events_project_history", args=[project.pk]),
        "/admin/events/project/import/",
        "/admin/events/project/add/",
    ]


@pytest.mark.parametrize("lang", ["fr", "ru"])
def test_no_english_admin_string_leaks_into_the_french_or_russian_admin(client, lang):
    client.force_login(make_staff("chief", "Labelling committee"))
    from django.contrib.auth.models import Permission

    user = make_staff("desk", "Editors")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["label_project", "publish_project"]))
    client.force_login(user)
    project = make_project(title="Brouillon", slug="brouillon")
    post_change(client, project, title_fr="Brouillon corrigé")
    client.cookies["django_language"] = lang
    leaks = {}
    for url in admin_pages(project):
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        found = [
            s
            for s in ENGLISH + ENGLISH_NOT_FRENCH[lang]
            if re.search(rf"(?<![\w/]){re.escape(s)}(?![\w/])", text)
        ]
        if found:
            leaks[url] = found
    assert leaks == {}


def test_our_catalogues_have_no_untranslated_or_fuzzy_entry():
    import shutil
    import subprocess
    from pathlib import Path

    if shutil.which("msgattrib") is None:
        pytest.skip("GNU gettext is not installed (apt-get install gettext)")
    for lang in ("fr", "ru", "en"):
        po = Path("locale") / lang / "LC_MESSAGES" / "django.po"
        for option in ("--untranslated", "--only-fuzzy"):
            out = subprocess.run(
                ["msgattrib", option, "--no-obsolete", str(po)], capture_output=True, text=True
            )
            assert (lang, option, out.stdout) == (lang, option, "")


# History that reads as a diff -------------------------------------------------------------------


def history_url(project):
    return reverse("admin:events_project_history", args=[project.pk])


def test_the_history_shows_each_change_as_old_and_new_values_in_the_readers_language(editor):
    project = make_project(title="Brouillon", slug="brouillon")
    culture = Theme.objects.get(slug="culture-education")
    lyon = Partner.objects.get(slug="nice")
    data = form_data(editor.get(change_url(project)))
    data.update(
        title_fr="Brouillon corrigé",
        themes=[str(culture.pk)],
        planned_period="",
        planned_start="2021-10-12",
        planned_end="2021-10-18",
        planned_precision="day",
        has_unnamed_russian_partners="on",
    )
    data["participations-0-side"] = "ru"
    assert lyon.pk == int(data["participations-0-partner"])
    assert editor.post(change_url(project), data).status_code == 302
    editor.cookies["django_language"] = "fr"
    page = editor.get(history_url(project)).content.decode()
    latest = page.split("<tbody>")[1].split("</tr>")[0]
    changes = re.findall(r"<li>(.*?)</li>", latest)
    assert changes == [
        "<strong>Titre (Français)</strong>\u00a0: <del>Brouillon</del> → <ins>Brouillon corrigé</ins>",
        "<strong>Thèmes</strong>\u00a0: <del>Sport</del> → <ins>Coopération culturelle et éducative</ins>",
        "<strong>Partenaires</strong>\u00a0: "
        "<del>Partie française\u00a0: Nice · Partie russe\u00a0: Moscou</del> → "
        "<ins>Partie russe\u00a0: Nice; Moscou</ins>",
        "<strong>Autres partenaires russes</strong>\u00a0: <del>non</del> → <ins>oui</ins>",
        "<strong>Début prévu</strong>\u00a0: <del>1 décembre 2021</del> → <ins>12 octobre 2021</ins>",
        "<strong>Fin prévue</strong>\u00a0: <del>31 décembre 2021</del> → <ins>18 octobre 2021</ins>",
        "<strong>Précision de la date prévue</strong>\u00a0: <del>mois</del> → <ins>jour</ins>",
        "<strong>Date prévue telle que formulée (Français)</strong>\u00a0: <del>—</del> → "
        "<ins>12–18\u00a0octobre\u00a02021</ins>",
        "<strong>Date prévue telle que formulée (Russe)</strong>\u00a0: <del>—</del> → "
        "<ins>12–18\u00a0октября\u00a02021\u00a0года</ins>",
        "<strong>Date prévue telle que formulée (Anglais)</strong>\u00a0: <del>—</del> → "
        "<ins>12–18 October 2021</ins>",
    ]
    assert "None" not in visible_text(page)
    assert not re.search(r"\d{4}-\d\d-\d\d", visible_text(page))


def test_the_history_in_russian_labels_fields_and_values_in_russian(editor):
    project = make_project(title="Brouillon", slug="brouillon")
    post_change(editor, project, title_fr="Brouillon corrigé")
    editor.cookies["django_language"] = "ru"
    page = editor.get(history_url(project)).content.decode()
    latest = page.split("<tbody>")[1].split("</tr>")[0]
    # The wordings of the planned period, empty in the factory's project, were written on saving.
    assert re.findall(r"<li>(.*?)</li>", latest) == [
        "<strong>Название (Французский)</strong>: <del>Brouillon</del> → <ins>Brouillon corrigé</ins>",
        "<strong>Плановая дата в формулировке программы (Французский)</strong>: <del>—</del> → "
        "<ins>Décembre\u00a02021</ins>",
        "<strong>Плановая дата в формулировке программы (Русский)</strong>: <del>—</del> → "
        "<ins>Декабрь\u00a02021\u00a0года</ins>",
        "<strong>Плановая дата в формулировке программы (Английский)</strong>: <del>—</del> → "
        "<ins>December 2021</ins>",
    ]


def test_an_editor_sees_no_link_on_the_history_page_that_would_answer_403(editor):
    project = make_project(title="Brouillon", slug="brouillon")
    post_change(editor, project, title_fr="Brouillon corrigé")
    page = editor.get(history_url(project)).content.decode()
    hrefs = sorted(set(re.findall(r'href="(/[^"]*)"', page)) - {"/static/"})
    statuses = {
        href: editor.get(href.replace("&amp;", "&")).status_code
        for href in hrefs
        if not href.startswith("/static/")
    }
    assert {href: status for href, status in statuses.items() if status == 403} == {}
    assert f"/admin/auth/user/{project.pk}/change/" not in statuses
    assert not any(href.startswith("/admin/auth/user/") for href in statuses)
