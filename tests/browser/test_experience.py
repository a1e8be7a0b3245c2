"""What a person sees of issue 17: the phone filter panel with the keyboard and a screen reader's
announcement, the map's skip link, names and legend, the print stylesheet, and the new pages."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Project

from .conftest import axe_violations

pytestmark = pytest.mark.browser


def url(page, name, lang, *args, query=""):
    with translation.override(lang):
        return page.base_url + reverse(name, args=args) + query


def test_on_a_phone_the_filters_fold_into_one_button_above_the_results(page):
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(url(page, "events:project-list", "fr", query="?theme=sport"))
    toggle = page.locator("summary.filters-toggle")
    assert " ".join(toggle.inner_text().split()) == "Filtrer (1)"
    assert not page.locator("#id_region").is_visible()
    # The count, the sorting and the first result come before the fold.
    assert page.locator("#results-title").bounding_box()["y"] < 780
    assert page.locator("#id_sort").bounding_box()["y"] < 780


def test_phone_filters_with_the_keyboard_move_focus_to_the_announced_results(page):
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(url(page, "events:project-list", "en"))
    page.focus("summary.filters-toggle")
    page.keyboard.press("Enter")
    assert page.locator("#id_theme").is_visible()
    page.focus("#id_theme")
    page.keyboard.press("ArrowDown")  # on a closed menu: moves the choice, must not reload
    page.wait_for_timeout(400)
    assert "theme=" not in page.url
    assert page.evaluate("document.activeElement.id") == "id_theme"
    page.keyboard.press("ArrowDown")
    chosen = page.locator("#id_theme").input_value()
    assert chosen
    page.locator(".filters button[type=submit]").press("Enter")
    page.wait_for_url(re.compile(r".*\?theme=[\w-]+#results-title$"))  # no empty q=, region=, …
    assert page.evaluate("document.activeElement.id") == "results-title"
    status = page.locator("#results-status")
    status.wait_for(state="attached")
    page.wait_for_function("document.getElementById('results-status').textContent.length > 0")
    heading = " ".join(page.locator("#results-title").inner_text().split())
    assert status.text_content() == heading and re.fullmatch(r"\d+ projects?", heading)
    assert status.get_attribute("role") == "status"
    assert " ".join(page.locator("summary.filters-toggle").inner_text().split()) == "Filter (1)"


def test_a_menu_chosen_with_the_mouse_applies_at_once(page):
    page.goto(url(page, "events:project-list", "en"))
    page.click("#id_region")  # the pointer opens the menu …
    page.keyboard.press("Escape")
    page.select_option("#id_region", "normandie")  # … and its choice applies without the button
    page.wait_for_url("**region=normandie#results-title")
    assert page.locator(".chip").count() == 1


def test_the_map_can_be_skipped_and_names_the_focused_place(page):
    page.goto(url(page, "partners:map", "fr"))
    skip = page.locator("a.skip-map")
    skip.focus()
    assert skip.is_visible() and skip.inner_text() == "Passer la carte"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "after-map"
    first = page.locator(".map-whole .map-variant-wide .map-places a").first
    first.focus()
    name = page.locator(".map-whole .map-focus-name")
    assert name.is_visible()
    assert name.inner_text() == first.locator("title").text_content()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ("Lieux en France", "Lieux en Russie", "Taille\u00a0: nombre de projets")),
        ("ru", ("Места во Франции", "Места в России", "Размер: число проектов")),
        ("en", ("Places in France", "Places in Russia", "Size: number of projects")),
    ],
)
def test_the_map_legend_speaks_the_page_language(page, lang, words):
    page.goto(url(page, "partners:map", lang))
    legend = page.locator(".map-whole .map-variant-wide .map-legend").text_content()
    for word in words:
        assert word in legend


def test_map_targets_are_at_least_24_pixels_on_a_phone(page):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(url(page, "partners:map", "en"))
    targets = page.locator(".map-variant-stacked .map-target")
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('.map-variant-stacked .map-target')]"
        ".map(c => c.getBoundingClientRect().width)"
    )
    assert targets.count() > 50 and min(sizes) >= 24


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("lang", ["fr", "ru", "en"])
def test_a_project_prints_on_one_a4_page_without_buttons_or_related_cards(page, lang):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    with translation.override(lang):
        page.goto(page.base_url + project.get_absolute_url())
    page.emulate_media(media="print")
    for hidden in (".share", ".related", ".main-nav", ".site-footer", "button"):
        assert all(not el.is_visible() for el in page.locator(hidden).all()), hidden
    assert _pdf_pages(page.pdf(format="A4")) == 1
    # Links print their address.
    after = page.evaluate(
        "() => getComputedStyle(document.querySelector('.project-facts a[href]'), '::after').content"
    )
    assert re.fullmatch(r'" \(/(fr|ru|en)/[a-z-]+/poitiers/\)"', after)


def test_the_whole_list_prints_from_its_print_link(page):
    page.goto(url(page, "events:project-list", "en"))
    page.click("a.print-list-link")
    page.wait_for_url("**per_page=all**")
    assert page.locator(".project-card").count() == 73


@pytest.mark.parametrize("width", [360, 768, 1280])
@pytest.mark.parametrize("lang", ["fr", "ru", "en"])
def test_new_pages_have_no_accessibility_violations(page, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    names = [
        "events:figures",
        "about:legal-notice",
        "about:accessibility",
        "about:personal-data",
        "about:contact",
        "about:organisers",
        "about:widget-code",
    ]
    for name in names:
        page.goto(url(page, name, lang))
        assert axe_violations(page) == [], name
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    page.goto(url(page, "events:project-list", lang, query="?theme=sport&month=2021-13"))
    if width == 360:
        page.click("summary.filters-toggle")
    assert axe_violations(page) == []
