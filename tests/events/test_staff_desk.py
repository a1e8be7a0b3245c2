"""The staff desk: the admin in the staff member's language, a history that reads as a diff, periods
typed as words, and translations that know when their French source changed."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from events import freshness, services
from events.models import Project, ProjectImport, Theme
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
    assert editor.cookies["django_language"]["max-age"] == 365 * 24 * 60 * 60
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
    "Public portal",
    "PUBLIC PORTAL",
    "Slug",
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
    "submit",
    "publish",
    "withdraw",
    "Object",
    "Change reason",
]


# The same words in French: only Russian must not show them.
ENGLISH_NOT_FRENCH = {"ru": ["Action", "Format", "versions", "label"], "fr": []}


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
        "/admin/events/project/export/",
        "/admin/events/statuschange/",
        reverse("admin:events_theme_change", args=[project.themes.first().pk]),
        reverse("admin:partners_partner_history", args=[project.partners.first().pk]),
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
    services.label_project(project=project, user=user)
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
    nice = Partner.objects.get(slug="nice")
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
    assert nice.pk == int(data["participations-0-partner"])
    data["participations-0-partner"] = str(Partner.objects.get(slug="strasbourg").pk)
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
        "<ins>Partie française\u00a0: Strasbourg · Partie russe\u00a0: Moscou</ins>",
        # The French region follows from Strasbourg, in the same version (events.services).
        "<strong>Région française</strong>\u00a0: <del>—</del> → <ins>Grand Est</ins>",
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
    # The wordings of the planned period, empty in the factory's project, were written on saving, and
    # the French region taken from Nice's place.
    assert re.findall(r"<li>(.*?)</li>", latest) == [
        "<strong>Название (Французский)</strong>: <del>Brouillon</del> → <ins>Brouillon corrigé</ins>",
        "<strong>Регион Франции</strong>: <del>—</del> → "
        "<ins>Прованс\u00a0— Альпы\u00a0— Лазурный Берег</ins>",
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


# Dates typed as words --------------------------------------------------------------------------


def saved_period(project):
    project = Project.objects.get(pk=project.pk)
    return (project.planned_start, project.planned_end, project.planned_precision)


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("du 12 au 18 octobre 2021", (date(2021, 10, 12), date(2021, 10, 18), "day")),
        ("второе полугодие 2021 года", (date(2021, 7, 1), date(2021, 12, 31), "semester")),
        ("2nd half of 2021", (date(2021, 7, 1), date(2021, 12, 31), "semester")),
        ("весна 2021", (date(2021, 3, 1), date(2021, 5, 31), "month")),
    ],
)
def test_a_period_typed_in_words_fills_start_end_and_precision(editor, wording, expected):
    project = make_project(title="Brouillon", slug="brouillon")
    assert post_change(editor, project, planned_period=wording).status_code == 302
    assert saved_period(project) == expected


def test_two_dates_without_precision_get_the_precision_they_state(editor):
    project = make_project(title="Brouillon", slug="brouillon")
    response = post_change(
        editor, project, planned_start="2021-07-01", planned_end="2021-09-30", planned_precision="unknown"
    )
    assert response.status_code == 302
    assert saved_period(project) == (date(2021, 7, 1), date(2021, 9, 30), "quarter")


def form_errors(response):
    return {name: list(errors) for name, errors in response.context["adminform"].form.errors.items()}


def test_an_unknown_wording_is_refused_on_its_field_in_the_staff_members_language(editor):
    project = make_project(title="Brouillon", slug="brouillon")
    editor.cookies["django_language"] = "ru"
    response = post_change(editor, project, planned_period="когда-нибудь")
    assert response.status_code == 200
    assert form_errors(response) == {
        "planned_period": [
            "«когда-нибудь»\u00a0— формулировка периода, которую форма не распознаёт. Укажите его в виде "
            "«12–18\u00a0октября\u00a02021\u00a0года», «октябрь\u00a02021\u00a0года», «третий квартал "
            "2021\u00a0года», «второе полугодие 2021\u00a0года» или «лето 2021» (на французском, русском "
            "или английском языке) либо заполните начало и окончание."
        ]
    }
    assert saved_period(project) == (date(2021, 12, 1), date(2021, 12, 31), "month")


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"planned_start": "2021-10-18", "planned_end": "2021-10-12", "planned_precision": "day"},
            {"planned_end": ["La période ne peut pas finir avant de commencer."]},
        ),
        (
            {"planned_start": "", "planned_end": "2021-10-12", "planned_precision": "day"},
            {"planned_start": ["Indiquez aussi le début de la période, pas seulement sa fin."]},
        ),
        (
            {"planned_start": "2021-10-12", "planned_end": "", "planned_precision": "day"},
            {"planned_end": ["Indiquez aussi la fin de la période, pas seulement son début."]},
        ),
        (
            {"planned_start": "", "planned_end": "", "planned_precision": "month"},
            {
                "planned_start": [
                    "Indiquez le début et la fin de la période, ou choisissez la précision "
                    "«\u00a0inconnue\u00a0»."
                ]
            },
        ),
    ],
)
def test_an_inconsistent_period_is_explained_in_words_never_by_the_constraints_name(editor, changes, errors):
    project = make_project(title="Brouillon", slug="brouillon")
    editor.cookies["django_language"] = "fr"
    response = post_change(editor, project, **changes)
    assert response.status_code == 200
    assert form_errors(response) == errors
    assert "project_planned_period_consistent" not in response.content.decode()
    assert saved_period(project) == (date(2021, 12, 1), date(2021, 12, 31), "month")


def test_the_constraint_itself_speaks_in_words_when_a_model_is_validated_directly():
    from django.core.exceptions import ValidationError

    project = make_project(title="Brouillon", slug="brouillon")
    project.planned_end = None
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        project.validate_constraints()
    assert excinfo.value.messages == [
        "A planned period has a start, an end on or after it and a precision, or none of them (date unknown)."
    ]


# Translating -------------------------------------------------------------------------------------


def test_the_french_source_is_shown_under_each_field_being_translated(editor):
    project = make_project(title="Brouillon", slug="brouillon", description="Une rencontre <b>à Nice</b>")
    editor.cookies["django_language"] = "ru"
    page = editor.get(change_url(project)).content.decode()
    source = (
        '<span class="french-source" lang="fr">'
        '<span class="french-source-label">Французский оригинал:</span>{}</span>'
    )
    assert page.count(source.format("Brouillon")) == 2  # under title_ru and title_en
    assert page.count(source.format("Une rencontre &lt;b&gt;à Nice&lt;/b&gt;")) == 2


def test_save_and_open_the_next_project_missing_the_language(editor):
    first = make_project(title="Premier", slug="premier")
    second = make_project(title="Second", slug="second")
    Project.objects.filter(pk=second.pk).update(title_ru="")
    data = form_data(editor.get(change_url(first)))
    data.update(title_ru="Первый", _next_missing="ru")
    response = editor.post(change_url(first), data)
    following = (
        Project.objects.filter(pk__gt=first.pk, title_ru="")
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    assert following == second.pk
    assert (response.status_code, response["Location"]) == (302, change_url(second))
    assert Project.objects.get(pk=first.pk).title_ru == "Первый"


def test_save_and_next_when_no_project_misses_the_language_goes_back_to_the_list(editor):
    project = make_project(title="Premier", slug="premier")
    Project.objects.exclude(pk=project.pk).filter(title_en="").update(title_en="Filled")
    Project.objects.exclude(pk=project.pk).exclude(description_fr="").filter(description_en="").update(
        description_en="Filled"
    )
    Project.objects.filter(pk=project.pk).update(description_en="Description")
    response = post_change(editor, project, _next_missing="en", description_en="Description")
    assert (response.status_code, response["Location"]) == (302, "/admin/events/project/?missing=en")


def test_a_changed_french_title_flags_its_translations_until_updated_or_confirmed(editor):
    project = make_project(title="Brouillon", slug="brouillon")
    assert freshness.out_of_date(Project.objects.get(pk=project.pk)) == {}
    assert post_change(editor, project, title_fr="Brouillon corrigé").status_code == 302
    assert freshness.out_of_date(Project.objects.get(pk=project.pk)) == {"ru": ["title"], "en": ["title"]}

    stale_ru = editor.get("/admin/events/project/?stale=ru").context["cl"].result_list
    assert [p.pk for p in stale_ru] == [project.pk]
    editor.cookies["django_language"] = "en"
    dashboard = editor.get("/admin/").content.decode()
    assert (
        '<a href="/admin/events/project/?stale=ru">1 Russian translation whose French source changed</a>'
        in (dashboard)
    )
    page = editor.get(change_url(project)).content.decode()
    assert 'name="translation_still_correct_ru"' in page
    assert (
        '<strong class="translation-out-of-date">Out of date: the French text changed since this translation '
        "was written.</strong>" in page
    )

    # The Russian title is rewritten; the English one is confirmed as it is.
    assert post_change(editor, project, title_ru="Исправленный черновик").status_code == 302
    assert freshness.out_of_date(Project.objects.get(pk=project.pk)) == {"en": ["title"]}
    assert post_change(editor, project, translation_still_correct_en="on").status_code == 302
    assert freshness.out_of_date(Project.objects.get(pk=project.pk)) == {}
    assert 'name="translation_still_correct_ru"' not in editor.get(change_url(project)).content.decode()
    assert list(editor.get("/admin/events/project/?stale=any").context["cl"].result_list) == []


def test_workflow_steps_are_shown_by_their_names_never_their_codes(client):
    committee = make_staff("committee", "Labelling committee")
    project = make_project(title="Brouillon", slug="brouillon")
    services.label_project(project=project, user=committee)
    client.force_login(committee)
    client.cookies["django_language"] = "ru"
    page = client.get("/admin/events/statuschange/").content.decode()
    row = visible_text(page.split("<tbody>")[1].split("</tr>")[0])
    assert (
        row.split(" Brouillon (ru) ")[1].strip()
        == "включён в программу предложен включён в программу committee"
    )


def test_the_sign_in_page_has_the_language_switcher_too(client):
    client.cookies["django_language"] = "ru"
    page = client.get("/admin/login/?next=/admin/").content.decode()
    assert '<input type="hidden" name="next" value="/admin/login/?next=/admin/">' in page
    assert (
        '<button type="submit" name="language" value="ru" lang="ru" aria-current="true" disabled>'
        "Русский</button>" in page
    )
    assert "Российско-французский год децентрализованного сотрудничества 2021" in page


def test_a_reader_who_may_only_view_gets_no_link_to_open_or_revert_a_version(client):
    from django.contrib.auth.models import Permission

    reader = make_staff("reader", None)
    reader.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_project", "view_historicalproject"])
    )
    client.force_login(reader)
    project = make_project(title="Brouillon", slug="brouillon")
    page = client.get(history_url(project)).content.decode()
    assert re.findall(r'href="(/admin/events/project/\d+/history/\d+/)"', page) == []
    hrefs = {href.replace("&amp;", "&") for href in re.findall(r'href="(/[^"]*)"', page)}
    statuses = {href: client.get(href).status_code for href in hrefs if not href.startswith("/static/")}
    assert [href for href, status in statuses.items() if status == 403] == []


def test_reverting_to_an_old_version_brings_back_its_title_and_records_its_themes(editor):
    project = make_project(title="Brouillon", slug="brouillon")
    first = project.history.order_by("history_date", "history_id").last()
    assert post_change(editor, project, title_fr="Brouillon corrigé").status_code == 302
    url = reverse("admin:events_project_simple_history", args=[project.pk, first.history_id])
    data = form_data(editor.get(url))
    assert editor.post(url, data).status_code == 302
    project = Project.objects.get(pk=project.pk)
    latest = project.history.order_by("-history_date", "-history_id").first()
    assert project.title_fr == "Brouillon"
    assert [t.theme.slug for t in latest.themes.all()] == ["sport"]
    assert latest.partners_text == "fr: Nice\nru: Moscou"


@pytest.mark.parametrize("crafted", [{"_next_missing": "de"}, {"_next_missing": "../admin"}])
def test_a_crafted_next_missing_value_just_saves(editor, crafted):
    project = make_project(title="Brouillon", slug="brouillon")
    response = post_change(editor, project, title_fr="Brouillon corrigé", **crafted)
    assert (response.status_code, response["Location"]) == (302, "/admin/events/project/")
    assert Project.objects.get(pk=project.pk).title_fr == "Brouillon corrigé"


def test_a_crafted_overlong_wording_is_refused_on_its_field(editor):
    project = make_project(title="Brouillon", slug="brouillon")
    editor.cookies["django_language"] = "en"
    response = post_change(editor, project, planned_period="octobre 2021 " * 40)
    assert response.status_code == 200
    assert form_errors(response) == {
        "planned_period": ["Ensure this value has at most 200 characters (it has 519)."]
    }


def test_a_crafted_language_is_not_served_by_the_admin(editor):
    editor.cookies["django_language"] = "ru"
    response = editor.post("/i18n/setlang/", {"language": "de", "next": "/admin/"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    # Django keeps any language it has a catalogue for in the cookie; LocaleMiddleware serves only
    # those of settings.LANGUAGES, falling back to French.
    assert '<html lang="fr"' in editor.get("/admin/").content.decode()


def test_a_new_project_takes_its_period_in_words_and_its_first_version_keeps_themes_and_partners(editor):
    data = form_data(editor.get("/admin/events/project/add/"))
    data.update(
        title_fr="Nouvelle rencontre",
        slug="nouvelle-rencontre",
        themes=[str(Theme.objects.get(slug="sport").pk)],
        planned_period="лето 2021 года",
        planned_precision="unknown",
        planned_source="programme",
    )
    data.update(
        {
            "participations-0-partner": str(Partner.objects.get(slug="nice").pk),
            "participations-0-side": "fr",
            "participations-0-position": "0",
        }
    )
    response = editor.post("/admin/events/project/add/", data)
    assert response.status_code == 302
    project = Project.objects.get(slug="nouvelle-rencontre")
    assert saved_period(project) == (date(2021, 6, 1), date(2021, 8, 31), "month")
    versions = list(project.history.order_by("history_date", "history_id"))
    assert [(v.history_type, v.partners_text) for v in versions] == [("+", "fr: Nice")]
    assert [t.theme.slug for t in versions[0].themes.all()] == ["sport"]


@pytest.mark.parametrize("lang", ["fr", "ru"])
def test_the_import_preview_speaks_the_staff_members_language(editor, lang):
    import io

    import tablib

    headers = ["id", "region", "french_partner", "russian_partner", "title", "description", "planned_date"]
    headers += ["theme", "title_ru", "title_en", "description_ru", "description_en"]
    row = ["", "Occitanie", "Toulouse", "Samara", "Festival de jazz", "Concerts croisés", "Semestre 2"]
    row += ["Coopération culturelle et éducative", "Джазовый фестиваль", "Jazz festival", "", ""]
    upload = io.BytesIO(tablib.Dataset(row, headers=headers).export("csv").encode())
    upload.name = "new.csv"
    editor.cookies["django_language"] = lang
    response = editor.post("/admin/events/project/import/", {"import_file": upload}, follow=True)
    [(preview_url, _status)] = response.redirect_chain
    assert preview_url == f"/admin/events/project/import/{ProjectImport.objects.get().pk}/"
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    extra = ["Confirm import", "Preview", "New", "Update", "Skip", "Errors", "Below is a preview"]
    found = [
        s
        for s in ENGLISH + ENGLISH_NOT_FRENCH[lang] + extra
        if re.search(rf"(?<![\w/]){re.escape(s)}(?![\w/])", text)
    ]
    assert found == []


def test_partners_changed_outside_the_admin_make_a_version_and_unchanged_ones_do_not():
    project = make_project(title="Brouillon", slug="brouillon")
    before = project.history.count()
    services.set_participants(
        project=project,
        french=[Partner.objects.get(slug="nice")],
        russian=[Partner.objects.get(slug="moscou")],
    )
    assert project.history.count() == before
    services.set_participants(project=project, french=[], russian=[Partner.objects.get(slug="moscou")])
    latest = project.history.order_by("-history_date", "-history_id").first()
    assert (project.history.count(), latest.history_type, latest.partners_text) == (
        before + 1,
        "~",
        "ru: Moscou",
    )
    assert [t.theme.slug for t in latest.themes.all()] == ["sport"]
