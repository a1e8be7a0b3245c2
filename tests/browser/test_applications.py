"""An applicant applies without JavaScript, follows the application by e-mail, and sees it published."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command

from applications import services
from applications.models import Application
from events import services as workflow
from tests.applications.helpers import complete_and_submit
from tests.staff import make_staff

from .conftest import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def application_staff(programme):
    """The programme fixture rebuilds the staff groups; the applications' permissions are added as
    their migration adds them."""
    import_module("applications.migrations.0001_applications").grant(apps, None)


def work_the_queue():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_a_russian_applicant_without_javascript_follows_the_application_to_its_publication(
    browser, live_server, application_staff, smtp_server, settings
):
    # A person takes longer than the form's minimum time; this robot does not wait (the minimum time
    # is tested in tests/applications/test_form.py).
    settings.APPLICATION_MIN_SECONDS = 0
    context = browser.new_context(
        locale="ru-RU", java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()

    page.goto(live_server.url + "/ru/")
    page.click("text=Органы власти и организации: подайте заявку на знак Года")
    page.wait_for_url("**/ru/zayavka/")
    page.fill("#id_organisation", "Мэрия города Ярославля")
    page.select_option("#id_kind", "local_authority")
    page.check("#id_country_1")
    page.fill("#id_place", "Ярославль")
    page.fill("#id_contact_name", "Анна Петрова")
    page.fill("#id_email", "anna@example.ru")
    page.fill("#id_partner_name", "Ницца")
    page.fill("#id_title", "Дни французского кино в Ярославле")
    page.fill("#id_description", "Неделя французского кино с показами и встречами для школьников.")
    page.fill("#id_planned_text", "второе полугодие 2021 года")
    page.check("#id_themes_0")
    # First sent without consent: the error summary comes back, and nothing typed is lost.
    page.click("button[type=submit]")
    page.wait_for_selector("#error-summary")
    assert page.locator("#error-summary a").all_inner_texts() == [
        "Согласие: Отметьте этот пункт, чтобы отправить заявку: без согласия мы не сможем вам ответить."
    ]
    assert page.input_value("#id_title") == "Дни французского кино в Ярославле"
    assert page.is_checked("#id_language_1")  # Russian, the language of the page
    page.check("#id_consent")
    page.click("button[type=submit]")
    page.wait_for_url("**/ru/zayavka/poluchena/")
    assert page.locator("h1").inner_text() == "Заявка получена"

    work_the_queue()
    [message] = smtp_server.messages
    link = re.search(r"(http://\S+/ru/zayavka/status/\S+/)", message.get_content()).group(1)
    page.goto(link)
    assert page.locator("#application-state").inner_text().startswith("Ваша заявка получена.")

    application = Application.objects.get()
    editor = make_staff("editor", "Editors")
    committee = make_staff("committee", "Labelling committee")
    services.accept_application(application=application, user=editor)
    application.refresh_from_db()
    complete_and_submit(application.project, editor)
    workflow.label_project(project=application.project, user=committee)
    workflow.publish_project(project=application.project, user=committee)

    page.reload()
    public_link = page.locator("#application-state a")
    assert public_link.inner_text() == "Открыть страницу проекта"
    public_link.click()
    page.wait_for_url(f"**/ru/proekty/{application.project.slug}/")
    assert page.locator("h1").inner_text() == "Дни французского кино в Ярославле"
    context.close()


def test_the_form_with_its_errors_passes_the_accessibility_checks(page):
    page.goto(page.base_url + "/fr/candidature/")
    page.click("button[type=submit]")
    page.wait_for_selector("#error-summary")
    assert axe_violations(page) == []
    page.click("#error-summary a[href='#id_organisation']")
    assert page.evaluate("document.activeElement.id") == "id_organisation"
