"""A new initiative from Tours with Rostov-on-Don, in a real browser, from the first keystroke to the
public site: an editor in the French admin creates both partners (their towns taken from the
gazetteer), then the project; a committee member in the Russian admin sends it back, then labels and
publishes it once corrected; everyone is told by e-mail in their own language."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.utils import translation

from events.models import Project, StaffProfile
from partners import gazetteer
from partners.models import Partner, Territory
from tests.browser.test_staff import PASSWORD, fill_translated, sign_in

pytestmark = pytest.mark.browser

TITLE_FR = "Semaine de la gastronomie tourangelle à Rostov-sur-le-Don"
TITLE_RU = "Неделя турской гастрономии в Ростове-на-Дону"
TITLE_EN = "Tours food week in Rostov-on-Don"
CORRECTED_FR = "Semaine de la gastronomie de Tours à Rostov-sur-le-Don"
COMMENT = "Уточните, пожалуйста, название: слово «tourangelle» непонятно российским партнёрам."
ROSTOV = "Мэрия города Ростова-на-Дону"


def staff(username, group, email, language):
    user = User.objects.create_user(username, email=email, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    StaffProfile.objects.create(user=user, language=language)


def new_page(browser, live_server, locale):
    page = browser.new_context(viewport={"width": 1280, "height": 1000}, locale=locale).new_page()
    page.base_url = live_server.url
    return page


def add_partner(page, names, *, slug, kind, country, query, label):
    """The partner form with its town typed in "new place" and chosen among the gazetteer's suggestions."""
    page.goto(page.base_url + "/admin/partners/partner/add/")
    fill_translated(page, "name", names)
    page.fill("#id_slug", slug)
    page.select_option("#id_kind", kind)
    page.select_option("#id_country", country)
    page.fill("#id_new_place", query)
    page.wait_for_selector(f"#gazetteer-places option[value='{label}']", state="attached")
    page.fill("#id_new_place", label)
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/partners/partner/")
    assert "a été ajouté avec succès" in page.locator(".messagelist").inner_text()


def step(page, action, *, confirm, comment=None):
    """A workflow button of the change form, then its confirmation page."""
    page.click(f"#workflow a.button[href*='action={action}&']")
    page.wait_for_url("**/transition/?action=*")
    if comment is not None:
        page.fill("#id_comment", comment)
    page.click(f"input[type=submit][value='{confirm}']")
    page.wait_for_url("**/change/")


def test_an_editor_enters_a_new_initiative_from_tours_with_rostov_and_the_committee_publishes_it(
    browser, live_server, programme, smtp_server, run_tasks
):
    rostov = gazetteer.resolve("Ростов-на-Дону", country="RU")
    assert (rostov.label, rostov.latitude, rostov.longitude) == (
        "Ростов-на-Дону (Rostov-on-Don)",
        Decimal("47.21997"),
        Decimal("39.70769"),
    )
    assert not Territory.objects.filter(name_en="Rostov-on-Don").exists()
    assert not Partner.objects.filter(name_fr__in=["Ville de Tours", "Mairie de Rostov-sur-le-Don"]).exists()
    staff("claire", "Editors", "claire@example.org", "fr")
    staff("natalia", "Labelling committee", "natalia@example.org", "ru")
    editor = new_page(browser, live_server, "fr-FR")
    committee = new_page(browser, live_server, "ru-RU")

    # 1. The editor creates the two partners, each town from the gazetteer in one step.
    sign_in(editor, "claire")
    add_partner(
        editor,
        {"fr": "Ville de Tours", "ru": "Город Тур", "en": "City of Tours"},
        slug="ville-de-tours",
        kind="local_authority",
        country="FR",
        query="Tours",
        label="Tours (Indre-et-Loire)",
    )
    add_partner(
        editor,
        {"fr": "Mairie de Rostov-sur-le-Don", "ru": ROSTOV, "en": "Rostov-on-Don City Administration"},
        slug="mairie-de-rostov-sur-le-don",
        kind="local_authority",
        country="RU",
        query="Ростов-на",
        label=rostov.label,
    )
    tours_town = Partner.objects.get(slug="ville-de-tours").territory
    rostov_town = Partner.objects.get(slug="mairie-de-rostov-sur-le-don").territory
    assert (tours_town.name_fr, tours_town.kind, tours_town.parent.name_fr) == (
        "Tours",
        "city",
        "Centre-Val de Loire",
    )
    assert (rostov_town.name_ru, rostov_town.name_en, rostov_town.kind, rostov_town.parent.name_fr) == (
        "Ростов-на-Дону",
        "Rostov-on-Don",
        "city",
        "Russie",
    )
    assert (rostov_town.latitude, rostov_town.longitude) == (rostov.latitude, rostov.longitude)

    # 2. The project: its texts in three languages, its period in words, a theme, both partners.
    editor.goto(editor.base_url + "/admin/events/project/add/")
    fill_translated(editor, "title", {"fr": TITLE_FR, "ru": TITLE_RU, "en": TITLE_EN})
    fill_translated(
        editor,
        "description",
        {
            "fr": "Des chefs tourangeaux cuisinent avec leurs collègues de Rostov.",
            "ru": "Повара из Тура готовят вместе с ростовскими коллегами.",
            "en": "Chefs from Tours cook with their colleagues from Rostov.",
        },
    )
    editor.fill("#id_slug", "semaine-gastronomie-tours-rostov")
    editor.dblclick("#id_themes_from option:text-is('Économie, tourisme')")
    editor.fill("#id_planned_period", "du 12 au 18 octobre 2021")
    for row, (side, search, name) in enumerate(
        (("fr", "Tours", "Ville de Tours"), ("ru", "Rostov", "Mairie de Rostov-sur-le-Don"))
    ):
        if row:
            editor.click(".add-row a")
        editor.select_option(f"#id_participations-{row}-side", side)
        editor.click(f"#participations-{row} .select2-selection")
        editor.fill(".select2-search__field", search)
        editor.click(f".select2-results__option:text-is('{name}')")
    editor.click("input[name=_continue]")
    editor.wait_for_url("**/change/")
    assert "a été ajouté avec succès" in editor.locator(".messagelist").inner_text()
    project = Project.objects.get(slug="semaine-gastronomie-tours-rostov")
    assert (str(project.planned_start), str(project.planned_end), project.planned_precision) == (
        "2021-10-12",
        "2021-10-18",
        "day",
    )
    assert [(p.side, p.partner.slug) for p in project.participations.order_by("side")] == [
        ("fr", "ville-de-tours"),
        ("ru", "mairie-de-rostov-sur-le-don"),
    ]
    step(editor, "submit", confirm="Confirmer")
    assert Project.objects.get(pk=project.pk).status == "proposed"
    assert Project.objects.get(pk=project.pk).submitted_at is not None

    # 3. The committee member, in the Russian admin, sends it back with a comment.
    sign_in(committee, "natalia")
    for lang in ("en", "ru"):  # from English back to Russian with the header's buttons
        committee.click(f"#admin-language button[value={lang}]")
        committee.wait_for_selector(f"html[lang={lang}] #admin-language button[value={lang}][disabled]")
    committee.click(f"#queue-submitted a:text-is('{TITLE_RU}')")
    committee.wait_for_url(f"**/admin/events/project/{project.pk}/change/")
    step(committee, "send_back", confirm="Подтвердить", comment=COMMENT)

    # The editor reads the comment on the project and on the dashboard, corrects and resubmits.
    editor.goto(editor.base_url + "/admin/")
    assert editor.locator("#queue-sent-back li").count() == 1
    assert editor.locator("#queue-sent-back li q").inner_text() == COMMENT
    editor.click(f"#queue-sent-back a:text-is('{TITLE_FR}')")
    editor.wait_for_url(f"**/admin/events/project/{project.pk}/change/")
    assert editor.locator("#latest-comment blockquote").inner_text() == COMMENT
    fill_translated(editor, "title", {"fr": CORRECTED_FR})
    editor.click("input[name=_continue]")
    editor.wait_for_url(f"**/admin/events/project/{project.pk}/change/")
    assert "a été modifié avec succès" in editor.locator(".messagelist").inner_text()
    step(editor, "submit", confirm="Confirmer")
    assert Project.objects.get(pk=project.pk).title_fr == CORRECTED_FR

    # 4. The committee labels it, then publishes it.
    committee.goto(committee.base_url + "/admin/")
    committee.click(f"#queue-submitted a:text-is('{TITLE_RU}')")
    committee.wait_for_url(f"**/admin/events/project/{project.pk}/change/")
    step(committee, "label", confirm="Подтвердить")
    step(committee, "publish", confirm="Подтвердить")
    project = Project.objects.get(pk=project.pk)
    assert project.status == "published"

    # The public sees it in French and in Russian, and Rostov-on-Don's page lists it.
    public = browser.new_context(locale="fr-FR").new_page()
    for lang, title, town in (("fr", CORRECTED_FR, "Rostov-sur-le-Don"), ("ru", TITLE_RU, "Ростов-на-Дону")):
        with translation.override(lang):
            project_url, rostov_url = project.get_absolute_url(), rostov_town.get_absolute_url()
        public.goto(live_server.url + project_url)
        assert public.locator("h1").inner_text() == title
        assert public.locator(f".map-places a[href='{rostov_url}']").count() == 1  # placed on its map
        response = public.goto(live_server.url + rostov_url)
        assert response.status == 200
        assert public.locator("h1").inner_text() == town
        assert public.locator(f"a[href='{project_url}']").count() == 1

    # 5. Each was told by e-mail, in their own language.
    run_tasks()
    received = [(m["To"], m["Subject"].strip()) for m in smtp_server.messages]
    assert received == [
        ("natalia@example.org", f"Передан на присвоение знака: {TITLE_RU}"),
        ("claire@example.org", f"Renvoyé pour modification\u00a0: {TITLE_FR}"),
        ("natalia@example.org", f"Передан на присвоение знака: {TITLE_RU}"),
        ("claire@example.org", f"Labellisé\u00a0: {CORRECTED_FR}"),
        ("claire@example.org", f"Publié\u00a0: {CORRECTED_FR}"),
    ]
    for page in (editor, committee, public):
        page.context.close()
