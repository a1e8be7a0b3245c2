import os
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from .conftest import axe_violations

pytestmark = pytest.mark.browser

# Outside the repository: for people to look at, not to compare.
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", tempfile.gettempdir()))


def map_url(page, lang, query=""):
    with translation.override(lang):
        return page.base_url + reverse("partners:map") + query


@pytest.fixture
def csp_free_page(browser, live_server, programme):
    """A page where the site's Content-Security-Policy is not enforced, so that axe-core (an inline
    script) can be injected. The other tests keep the policy, and check the map breaks none of it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", ["fr", "ru", "en"])
def test_the_map_fits_the_screen_and_keeps_the_security_policy(page, lang, width):
    refused = []
    page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message))
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(map_url(page, lang))
    maps = page.locator("svg.coop-map")
    visible = [maps.nth(i) for i in range(maps.count()) if maps.nth(i).is_visible()]
    # One drawing of each map per screen width (beside on desktops, stacked on phones): the whole
    # cooperation, then European Russia enlarged.
    assert len(visible) == 2
    whole, detail = visible
    assert whole.get_attribute("class") == f"coop-map coop-map-{'wide' if width > 960 else 'stacked'}"
    for drawing in visible:
        box = drawing.bounding_box()
        assert box["width"] <= width and box["height"] > 200
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    assert whole.locator(".map-places a").count() == 88
    assert detail.locator(".map-places a").count() == 39
    page.screenshot(path=f"{SCREENSHOTS}/map-{lang}-{width}.png", full_page=True)
    for name, drawing in (("drawing", whole), ("european-russia", detail)):
        drawing.scroll_into_view_if_needed()
        drawing.screenshot(path=f"{SCREENSHOTS}/map-{lang}-{width}-{name}.png")
    assert refused == []


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", ["fr", "ru", "en"])
def test_the_map_has_no_accessibility_violations(csp_free_page, lang, width):
    page = csp_free_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(map_url(page, lang, "?theme=partnerships-twinning"))
    assert axe_violations(page) == []
    page.goto(map_url(page, lang))
    assert axe_violations(page) == []


def test_places_and_partnerships_are_links_reachable_with_the_keyboard(page):
    page.goto(map_url(page, "en"))
    first_place = page.locator(".map-whole .map-variant-wide .map-places a").first
    first_place.focus()
    assert page.evaluate("document.activeElement.closest('svg') !== null")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/en/territories/" in page.url
    assert page.locator("h1").count() == 1


def test_pointing_at_a_place_highlights_its_partnerships(page):
    page.goto(map_url(page, "fr"))
    drawing = page.locator(".map-whole .map-variant-wide svg")
    nice = drawing.locator(".map-places a", has=page.locator("title", has_text="Nice —"))
    nice.hover()
    assert "is-highlighting" in drawing.get_attribute("class")
    assert drawing.locator(".map-links a.is-related").count() >= 5


def test_the_filters_narrow_the_map_without_javascript(browser, live_server, programme):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.base_url = live_server.url
    page.goto(map_url(page, "en"))
    everywhere = page.locator(".map-whole .map-variant-wide .map-places a").count()
    page.select_option("#id_theme", "sport")
    page.click("button[type=submit]")
    assert "theme=sport" in page.url
    assert 0 < page.locator(".map-whole .map-variant-wide .map-places a").count() < everywhere
    with page.expect_download() as download:
        page.click("text=Download the map (SVG)")
    assert download.value.suggested_filename == "cooperation-map.svg"
    context.close()


def test_a_bad_filter_shows_a_message(page):
    response = page.goto(map_url(page, "ru", "?month=2021-13"))
    assert response.status == 400
    summary = page.locator(".error-summary")  # at the top of the page, linking to the field to fix
    assert summary.is_visible() and summary.locator('a[href="#id_month"]').count() == 1
    assert page.locator(".map-whole .map-variant-wide svg").count() == 1
