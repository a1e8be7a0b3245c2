"""Real-browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium)."""

import os
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps

from events.programme import load_programme
from portal.apps import name_the_site
from scripts.chromium import CHROMIUM, FLAGS

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()

# The live server runs in a thread of the test process; Django refuses sync ORM calls from a
# thread that has an event loop running, which Playwright's sync API creates.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
        for item in items:
            if "tests/browser" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def programme(transactional_db):
    """The live server's database is emptied after each test: load the programme, groups and site again."""
    load_programme()
    import_module("events.migrations.0003_staff_groups").create_groups(apps, None)
    name_the_site(sender=None)


@pytest.fixture
def page(browser, live_server, programme):
    # bypass_csp lets axe-core (injected as an inline script) run; the pages' own policy is tested elsewhere.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def axe_violations(page):
    """Runs axe-core (vendored from npm) against the page; returns the violations (WCAG 2.1 AA)."""
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa']}})"
    )
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
