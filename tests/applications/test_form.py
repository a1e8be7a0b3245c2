"""The public application form: what is stored, each error, and what keeps abuse out."""

import re
import time
from urllib.parse import quote

import pytest
from django.core import mail
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from applications.abuse import started_stamp
from applications.models import Application
from events.models import Project

from .helpers import form_data

pytestmark = pytest.mark.django_db

URL = "/ru/zayavka/"


def post(client, data, **extra):
    return client.post(URL, data, **extra)


def test_the_form_has_its_address_in_each_language(client):
    assert [client.get(url).status_code for url in ("/fr/candidature/", "/ru/zayavka/", "/en/apply/")] == [
        200,
        200,
        200,
    ]


def test_the_form_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(3):  # themes, known partners, known places
        response = client.get("/fr/candidature/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_the_home_page_and_the_programme_link_to_the_form(client):
    for url in ("/fr/", "/fr/projets/"):
        assert 'href="/fr/candidature/"' in client.get(url).content.decode()


def test_the_form_offers_known_partners_and_places_and_labels_every_field(client):
    html = client.get("/ru/zayavka/").content.decode()
    assert '<option value="Ницца">' in html
    assert '<option value="Ярославль">' in html
    assert 'list="known-partners"' in html
    assert 'autocomplete="email"' in html
    assert 'autocomplete="organization"' in html
    assert html.count("<legend>") == 8  # 5 sections, country, language, themes
    for name in ("organisation", "place", "contact_name", "email", "phone", "partner_name", "title"):
        assert f'<label for="id_{name}">' in html


def test_a_valid_application_is_stored_with_its_proposed_project(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, form_data())
    assert response.status_code == 302
    assert response["Location"] == "/ru/zayavka/poluchena/"
    application = Application.objects.get()
    project = application.project
    assert (application.state, application.language, application.interface_language) == (
        "received",
        "ru",
        "ru",
    )
    assert application.partner.slug == "nice"
    assert (project.status, project.title_ru, project.title_fr, project.planned_text_ru) == (
        "proposed",
        "Дни французского кино в Ярославле",
        None,
        "октябрь 2021 года",
    )
    assert project.slug == "dni-frantsuzskogo-kino-v-yaroslavle"
    assert list(project.themes.values_list("slug", flat=True)) == ["culture-education"]
    assert application.looks_like_existing is False


def test_a_french_wording_of_the_dates_is_read_and_kept(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, form_data(language="fr", title="Semaine du cinéma", planned_text="octobre 2021"))
    project = Application.objects.get().project
    assert (str(project.planned_start), str(project.planned_end), project.planned_precision) == (
        "2021-10-01",
        "2021-10-31",
        "month",
    )
    assert (project.title_fr, project.planned_text_fr) == ("Semaine du cinéma", "octobre 2021")


def test_an_application_like_an_existing_project_is_flagged(client, django_capture_on_commit_callbacks):
    existing = Project.objects.exclude(title_fr="").order_by("pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, form_data(language="fr", title=existing.title_fr.upper()))
    application = Application.objects.get()
    assert (application.looks_like_existing, application.similar_project) == (True, existing)


def test_each_missing_field_is_listed_in_the_error_summary_with_a_link(client):
    required = ["organisation", "kind", "place", "contact_name", "email", "partner_name", "title"]
    required += ["description", "planned_text"]
    data = form_data(**dict.fromkeys(required, ""), country=None, language=None, themes=None, consent=None)
    response = post(client, data)
    html = response.content.decode()
    assert response.status_code == 400
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    anchors = re.findall(r'<a href="#([\w-]+)">', summary)
    assert anchors == [
        "id_organisation",
        "id_kind",
        "id_country_0",
        "id_place",
        "id_contact_name",
        "id_email",
        "id_partner_name",
        "id_language_0",
        "id_title",
        "id_description",
        "id_planned_text",
        "id_themes_0",
        "id_consent",
    ]
    assert 'tabindex="-1" id="error-summary" autofocus>' in summary
    assert 'aria-describedby="id_email-hint id_email-error" aria-invalid="true"' in html
    assert '<fieldset aria-describedby="id_themes-error">' in html
    assert "<title>Ошибка: Подать заявку на знак Года" in html


def test_what_the_applicant_typed_is_kept_on_an_error(client):
    html = post(client, form_data(email="not-an-address")).content.decode()
    assert 'value="Мэрия города Ярославля"' in html
    assert "Неделя французского кино с показами и встречами для школьников." in html
    assert 'value="RU" id="id_country_1" checked' in html
    assert 'value="not-an-address"' in html
    assert Application.objects.count() == 0


def test_a_partner_on_the_applicants_own_side_is_refused(client):
    response = post(client, form_data(partner_name="Москва"))
    assert response.status_code == 400
    assert "Москва находится на вашей стороне" in response.content.decode()


def test_the_honeypot_stores_nothing_and_gives_the_form_back_empty_of_it(client):
    response = post(client, form_data(website="http://spam.example"))
    html = response.content.decode()
    assert (response.status_code, Application.objects.count()) == (400, 0)
    assert "http://spam.example" not in html
    assert 'value="Мэрия города Ярославля"' in html


def test_the_honeypot_is_hidden_from_people_and_assistive_technologies(client):
    html = client.get(URL).content.decode()
    assert '<div class="hp-field" aria-hidden="true">' in html
    assert 'name="website" id="id_website" value="" tabindex="-1" autocomplete="off"' in html


def test_a_form_sent_too_fast_comes_back_filled_with_a_clear_message(client):
    response = post(client, form_data(started=started_stamp(time.time() - 1)))
    html = response.content.decode()
    assert (response.status_code, Application.objects.count()) == (400, 0)
    assert "Форма отправлена слишком быстро" in html
    assert 'value="Дни французского кино в Ярославле"' in html


def test_a_forged_timestamp_is_refused_with_the_answers_kept(client):
    response = post(client, form_data(started="12345"))
    assert (response.status_code, Application.objects.count()) == (400, 0)
    assert 'value="Дни французского кино в Ярославле"' in response.content.decode()


def test_the_sixth_application_of_the_hour_from_one_address_answers_429(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [post(client, form_data(title=f"Проект номер {n}")).status_code for n in range(6)]
    assert statuses == [302, 302, 302, 302, 302, 429]
    response = post(client, form_data())
    assert response["Retry-After"] == "3600"
    assert "Слишком много заявок" in response.content.decode()
    assert Application.objects.count() == 5
    other = post(client, form_data(title="Другой адрес"), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "Кино\x00", "Null characters are not allowed."),
        ("organisation", "Мэрия\u202eяьлвалсорЯ", "U+202E"),
        ("title", "Кино\r\nBcc: victim@example.org", "U+000D"),
        ("description", "Описание " * 700, "5000"),
        ("title", "x" * 401, "400"),
    ],
)
def test_odd_or_huge_input_gets_a_form_error(client, field, value, message):
    with __import__("django.utils.translation", fromlist=["override"]).override("en"):
        response = client.post("/en/apply/", form_data(**{field: value}))
    html = response.content.decode()
    assert (response.status_code, Application.objects.count()) == (400, 0)
    assert f'href="#id_{field}"' in html
    assert message in html


def test_a_request_body_beyond_the_limit_answers_413(client):
    response = post(client, form_data(description="я" * 60_000))
    assert (response.status_code, Application.objects.count()) == (413, 0)
    assert "Заявка слишком длинная" in response.content.decode()


def test_the_form_sends_no_mail_itself(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, form_data())
    assert mail.outbox == []


# Whatever the text (bar lone surrogates, which no browser can send as UTF-8): an answer, never a 5xx.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=600)


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    field=st.sampled_from(
        ["organisation", "place", "partner_name", "title", "planned_text", "email", "kind"]
    ),
    value=TEXT,
)
def test_any_text_in_any_field_gets_an_answer_not_an_error(client, settings, field, value):
    settings.APPLICATIONS_PER_HOUR = 1000  # the examples come from one address
    response = client.post("/fr/candidature/", form_data(**{field: value}))
    assert response.status_code in (302, 400)


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    token=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="/"), min_size=1, max_size=80
    )
)
def test_any_tracking_token_gets_an_answer_not_an_error(client, token):
    response = client.get(f"/fr/candidature/suivi/{quote(token, safe='')}/")
    assert response.status_code == 404
