import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Project

from .conftest import axe_violations

pytestmark = pytest.mark.browser


def url(page, name, lang, *args):
    with translation.override(lang):
        return page.base_url + reverse(name, args=args)


@pytest.mark.parametrize("lang", ["fr", "ru", "en"])
def test_home_page_opens_in_each_language(page, lang):
    page.goto(url(page, "home", lang))
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").count() == 1
    assert page.locator(".theme-grid li").count() == 6


def test_filter_by_theme_and_region_then_switch_language_keeps_filters(page):
    page.goto(url(page, "events:project-list", "fr"))
    page.click("#id_theme")  # a menu opened with the pointer submits on change (enhancement)
    page.select_option("#id_theme", "partnerships-twinning")
    page.wait_for_url("**theme=partnerships-twinning**")
    page.click("#id_region")
    page.select_option("#id_region", "normandie")
    page.wait_for_url("**region=normandie**")
    assert page.locator(".project-card").count() == 3
    page.click(".lang-switch a[hreflang=ru]")
    page.wait_for_load_state()
    assert "/ru/" in page.url and "theme=partnerships-twinning" in page.url and "region=normandie" in page.url
    assert page.locator(".project-card").count() == 3
    assert "Нормандия" in page.locator(".active-filters").inner_text()


def test_filters_work_without_javascript(browser, live_server, programme):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    with translation.override("en"):
        page.goto(live_server.url + reverse("events:project-list"))
    page.select_option("#id_theme", "sport")
    page.click("button[type=submit]")
    assert page.locator(".project-card").count() == 3
    context.close()


def test_search_in_cyrillic_then_open_the_project(page):
    page.goto(url(page, "events:project-list", "ru"))
    page.fill("#id_q", "Ярославль")
    page.press("#id_q", "Enter")
    page.wait_for_url("**q=**")
    assert page.locator(".project-card-title a").count() == 2
    assert "Пуатье" in page.locator(".project-card").first.inner_text()
    page.click("text=50-летие")
    assert page.locator("h1").inner_text().startswith("50")
    assert "Ярославль" in page.locator(".project-facts").inner_text()


@pytest.mark.parametrize("lang", ["fr", "ru", "en"])
def test_main_pages_have_no_accessibility_violations(page, lang):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    with translation.override(lang):
        targets = [
            reverse("home"),
            reverse("events:project-list") + "?theme=sport",
            project.get_absolute_url(),
            reverse("partners:territory-detail", args=["nouvelle-aquitaine"]),
            reverse("events:calendar"),
        ]
    for target in targets:
        page.goto(page.base_url + target)
        assert axe_violations(page) == [], target


@pytest.mark.parametrize("width", [360, 1280])
def test_pages_fit_a_phone_and_a_desktop(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    for name in ("home", "events:project-list", "events:calendar"):
        page.goto(url(page, name, "ru"))
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (name, overflow)


def test_project_page_share_tags_as_a_browser_sees_them(page):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    with translation.override("en"):
        page.goto(page.base_url + project.get_absolute_url())
    meta = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('meta[property^=og], meta[name^=twitter]')]"
        ".map(m => [m.getAttribute('property') || m.getAttribute('name'), m.content]))"
    )
    assert meta["og:title"] == project.title_en
    assert meta["og:type"] == "article" and meta["twitter:card"] == "summary_large_image"
    image = page.request.get(meta["og:image"])
    assert image.ok and image.headers["content-type"] == "image/png"
    assert (
        page.evaluate(
            "() => JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').text)['@type']"
        )
        == "Event"
    )
