"""A new initiative from the admin form to the public site: editor, then committee, then the public."""

import feedparser
import pytest
from django.contrib.auth.models import Group, User

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password-123"


def staff(username, group):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))


def sign_in(page, username):
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def fill_translated(page, field, values):
    """modeltranslation shows one language per tab: open the field's tab, then fill it."""
    for lang, value in values.items():
        widget = "xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' ui-tabs ')][1]"
        tabs = page.locator(f"#id_{field}_{lang}").locator(widget)
        tabs.locator(f".ui-tabs-nav a[href='#tab_id_{field}_{lang}']").click()
        page.fill(f"#id_{field}_{lang}", value)


def test_editor_creates_committee_labels_and_publishes_then_the_public_sees_it(
    browser, live_server, programme
):
    staff("editor", "Editors")
    staff("committee", "Labelling committee")
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-GB")
    page = context.new_page()
    page.base_url = live_server.url

    sign_in(page, "editor")
    page.goto(page.base_url + "/admin/events/project/add/")
    fill_translated(
        page,
        "title",
        {
            "fr": "Festival de jazz de Toulouse à Samara",
            "ru": "Джазовый фестиваль",
            "en": "Toulouse jazz festival in Samara",
        },
    )
    fill_translated(
        page,
        "description",
        {"fr": "Concerts croisés.", "ru": "Совместные концерты.", "en": "Joint concerts."},
    )
    page.fill("#id_slug", "festival-jazz-toulouse-samara")
    page.dblclick("#id_themes_from option:text-is('Cultural and educational cooperation')")
    page.fill("#id_planned_start", "2021-11-01")
    page.fill("#id_planned_end", "2021-11-30")
    page.select_option("#id_planned_precision", "month")
    for row, (side, partner) in enumerate((("fr", "Toulouse"), ("ru", "Samara"))):
        if row:
            page.click(".add-row a")
        page.select_option(f"#id_participations-{row}-side", side)
        page.click(f"#participations-{row} .select2-selection")
        page.fill(".select2-search__field", partner)
        page.click(f".select2-results__option:text-is('{partner}')")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    assert "was added successfully" in page.content()
    page.click("a.button:text('Submit for labelling')")
    page.click("input[type=submit][value=Confirm]")
    page.wait_for_load_state()
    assert page.locator("a.button:text('Publish')").count() == 0  # an editor cannot publish
    context.clear_cookies()

    sign_in(page, "committee")
    page.goto(page.base_url + "/admin/events/project/?queue=waiting")
    page.click("text=Toulouse jazz festival in Samara")
    for step in ("Label", "Publish"):
        page.click(f"a.button:text('{step}')")
        page.click("input[type=submit][value=Confirm]")
        page.wait_for_load_state()
    context.clear_cookies()

    public = context.new_page()
    public.goto(live_server.url + "/en/projects/?q=jazz")
    assert public.locator(".project-card-title", has_text="Toulouse jazz festival in Samara").count() == 1
    public.goto(live_server.url + "/ru/proekty/?q=джаз")
    assert public.locator(".project-card-title", has_text="Джазовый фестиваль").count() == 1
    api = public.request.get(live_server.url + "/api/projects.json?q=jazz").json()
    assert [p["title"]["en"] for p in api["results"]] == ["Toulouse jazz festival in Samara"]
    feed = feedparser.parse(public.request.get(live_server.url + "/en/feeds/").body())
    assert feed.entries[0].title == "Toulouse jazz festival in Samara"
    context.close()
