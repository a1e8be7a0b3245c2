"""The admin as a French or Russian staff member sees it in Chromium: the language switcher in the
header (no script needed), and the project list, change form, history and import page in that language.
Screenshots go to $DESK_SCREENSHOTS when it is set (to look at them), else to pytest's tmp_path."""

import os
import re
from pathlib import Path

import pytest

from events.models import Project
from tests.browser.test_staff import sign_in, staff
from tests.events.test_staff_desk import ENGLISH, ENGLISH_NOT_FRENCH

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("lang", "button", "heading"),
    [
        ("ru", "Русский", "Выберите проект для изменения"),
        ("fr", "Français", "Sélectionnez l’objet projet à changer"),
    ],
)
def test_a_staff_member_switches_the_admin_language_and_every_page_follows(
    page, tmp_path, lang, button, heading
):
    shots = Path(os.environ.get("DESK_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    staff("desk", "Editors")
    page.goto(page.base_url + "/admin/login/")
    page.screenshot(path=str(shots / "admin-login.png"))
    sign_in(page, "desk")
    page.goto(page.base_url + "/admin/events/project/")
    # Start from English, then choose the language with the header's buttons.
    page.click("#admin-language button[value=en]")
    page.wait_for_load_state()
    assert page.locator("#content h1").inner_text() == "Select project to change"
    page.click(f"#admin-language button:text('{button}')")
    page.wait_for_load_state()
    assert page.url == page.base_url + "/admin/events/project/"
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("#content h1").inner_text() == heading

    project = Project.objects.get(reference="FR-RU-2021-0003")
    pages = {
        "list": "/admin/events/project/",
        "change": f"/admin/events/project/{project.pk}/change/",
        "history": f"/admin/events/project/{project.pk}/history/",
        "import": "/admin/events/project/import/",
    }
    leaks = {}
    for name, url in pages.items():
        page.goto(page.base_url + url)
        page.screenshot(path=str(shots / f"admin-{name}-{lang}.png"), full_page=True)
        text = page.locator("body").inner_text()
        found = [
            s
            for s in ENGLISH + ENGLISH_NOT_FRENCH[lang]
            if re.search(rf"(?<![\w/]){re.escape(s)}(?![\w/])", text)
        ]
        if found:
            leaks[name] = found
    assert leaks == {}
