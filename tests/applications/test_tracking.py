"""The acknowledgement e-mail (through a real SMTP server), its tracking link, and the tracking page."""

import re

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from applications import services
from applications.models import Application
from events import services as workflow
from tests.mailserver import free_port
from tests.staff import make_staff

from .helpers import complete_and_submit, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def apply(client, django_capture_on_commit_callbacks):
    """Send the form as a person would; return the stored application."""

    def send(url="/ru/zayavka/", **changes):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, form_data(**changes))
        assert response.status_code == 302
        return Application.objects.latest("pk")

    return send


def tracking_path(message) -> str:
    url = re.search(r"http://localhost(/\S+)", message.get_content()).group(1)
    return url


def test_the_applicant_receives_an_e_mail_in_russian_with_a_working_tracking_link(
    client, apply, smtp_server, run_tasks
):
    application = apply()
    run_tasks()
    [message] = smtp_server.messages
    assert message["To"] == "anna@example.ru"
    # A long encoded subject is folded after "Subject:"; the parser keeps that fold's space.
    assert message["Subject"].lstrip() == "Ваша заявка «Дни французского кино в Ярославле» получена"
    body = message.get_content()
    assert body.startswith(
        "Здравствуйте, Анна Петрова!\n\nМы получили заявку «Дни французского кино в Ярославле»"
    )
    path = tracking_path(message)
    assert path == f"/ru/zayavka/status/{services.tracking_token(application)}/"
    page = client.get(path)
    assert page.status_code == 200
    assert "Ваша заявка получена. Организаторы проверят её" in page.content.decode()


def test_the_e_mail_follows_the_language_of_the_site_not_of_the_text(apply, smtp_server, run_tasks):
    apply(url="/fr/candidature/", language="ru")
    run_tasks()
    [message] = smtp_server.messages
    assert (
        message["Subject"].lstrip()
        == "Votre candidature «\u00a0Дни французского кино в Ярославле\u00a0» a bien été reçue"
    )
    assert "/fr/candidature/suivi/" in message.get_content()


def test_with_the_mail_server_down_the_application_is_stored_and_the_e_mail_sent_later(
    apply, smtp_server, run_tasks, settings
):
    settings.EMAIL_PORT = free_port()  # nothing listens there: the mail server is down
    application = apply()
    run_tasks()
    assert Application.objects.filter(pk=application.pk).exists()
    assert smtp_server.messages == []
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2

    settings.EMAIL_PORT = smtp_server.port  # the server is back, and the retry falls due
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_tasks()
    [message] = smtp_server.messages
    assert message["To"] == "anna@example.ru"


def test_the_tracking_page_is_private_and_not_indexed(client, apply):
    response = client.get(f"/ru/zayavka/status/{services.tracking_token(apply())}/")
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_the_tracking_page_runs_a_fixed_number_of_queries(client, apply, django_assert_num_queries):
    path = f"/ru/zayavka/status/{services.tracking_token(apply())}/"
    with django_assert_num_queries(1):
        assert client.get(path).status_code == 200


def test_reading_the_tracking_page_changes_nothing(client, apply):
    application = apply()
    before = Application.objects.filter(pk=application.pk).values().get()
    client.get(f"/ru/zayavka/status/{services.tracking_token(application)}/")
    assert Application.objects.filter(pk=application.pk).values().get() == before
    assert client.post(f"/ru/zayavka/status/{services.tracking_token(application)}/").status_code == 405


@pytest.mark.parametrize(
    "alter",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(token.split(":")[0], "OTk5"),
        lambda token: "nonsense",
    ],
    ids=["signature", "application", "garbage"],
)
def test_a_tampered_token_answers_404_with_help(client, apply, alter):
    response = client.get(f"/ru/zayavka/status/{alter(services.tracking_token(apply()))}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Недействительная ссылка" in html
    assert "откройте её снова из нашего письма" in html
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_the_tracking_page_follows_the_application_to_publication(client, apply):
    application = apply()
    path = f"/ru/zayavka/status/{services.tracking_token(application)}/"

    def state():
        html = client.get(path).content.decode()
        return re.search(r'<p class="notice[^"]*" id="application-state">\s*(.*?)\s*</p>', html, re.S).group(
            1
        )

    assert state().startswith("Ваша заявка получена.")
    editor = make_staff("editor", "Editors")
    services.accept_application(application=application, user=editor)
    assert state() == "Ваша заявка находится на рассмотрении комиссии по присвоению знака."
    committee = make_staff("committee", "Labelling committee")
    project = complete_and_submit(application.project, editor)
    assert state() == "Ваша заявка находится на рассмотрении комиссии по присвоению знака."
    workflow.label_project(project=project, user=committee)
    assert state() == "Вашему проекту присвоен знак Года. Вскоре он появится в опубликованной программе."
    workflow.publish_project(project=project, user=committee)
    project.refresh_from_db()
    assert state() == (
        "Вашему проекту присвоен знак Года, и он опубликован в программе. "
        f'<a href="/ru/proekty/{project.slug}/">Открыть страницу проекта</a>'
    )


def test_a_declined_application_shows_the_committees_reason(client, apply, smtp_server, run_tasks):
    application = apply()
    services.decline_application(
        application=application,
        user=make_staff("editor", "Editors"),
        reason="Проект уже включён в программу.",
        base_url="http://localhost/",
    )
    html = client.get(f"/ru/zayavka/status/{services.tracking_token(application)}/").content.decode()
    assert "Ваша заявка не принята." in html
    assert "<blockquote><p>Проект уже включён в программу.</p></blockquote>" in html
