"""What a project lacks before submission, labelling and publication (events.completeness, no database)."""

from datetime import date
from types import SimpleNamespace

from events.completeness import blocking, missing
from events.models import Project


def project(**fields):
    values = {
        "title_fr": "Festival",
        "title_ru": "Фестиваль",
        "title_en": "Festival",
        "description_fr": "Concerts.",
        "description_ru": "Концерты.",
        "description_en": "Concerts.",
        "planned_start": date(2021, 6, 1),
        "planned_end": date(2021, 6, 30),
        "planned_precision": "month",
        **fields,
    }
    return Project(**values)


def partner(side, country, name="Partenaire", placed_in=None):
    """A participation; the partner's place is in its own country unless `placed_in` says otherwise."""
    place = SimpleNamespace(country=placed_in or country)
    return SimpleNamespace(
        side=side, partner=SimpleNamespace(name=name, country=country, territory_id=1, territory=place)
    )


BOTH_SIDES = [partner("fr", "FR", "Nice"), partner("ru", "RU", "Moscou")]


def test_a_complete_project_lacks_nothing():
    assert missing(project(), BOTH_SIDES) == []


def test_each_gap_is_listed_with_the_field_to_fix_in_form_order():
    gaps = missing(
        project(title_fr="", description_fr="", title_en="", planned_start=None, planned_end=None,
                planned_precision="unknown"),
        [partner("fr", "FR")],
    )  # fmt: skip
    assert [(g.code, g.anchor, g.kind) for g in gaps] == [
        ("title_fr", "id_title_fr", "required"),
        ("description_fr", "id_description_fr", "required"),
        ("title_en", "id_title_en", "translation"),
        ("partners_ru", "id_has_unnamed_russian_partners", "required"),
        ("planned", "id_planned_start", "required"),
    ]


def test_a_missing_description_translation_counts_only_when_there_is_a_french_one():
    assert [g.code for g in missing(project(description_ru=""), BOTH_SIDES)] == ["description_ru"]
    assert missing(project(description_fr="", description_ru="", description_en=""), BOTH_SIDES)[0].code == (
        "description_fr"
    )


def test_partners_to_be_determined_replace_named_ones():
    assert missing(project(has_unnamed_french_partners=True), [partner("ru", "RU")]) == []


def test_a_partner_on_the_side_of_the_other_country_is_reported_with_its_row():
    gaps = missing(project(), [partner("fr", "FR"), partner("ru", "FR", "Lyon")])
    assert [(g.code, g.anchor) for g in gaps] == [("side_1", "participations-1")]
    assert "Lyon" in str(gaps[0].message)


def test_translations_block_publication_only_unless_decided_otherwise():
    gaps = missing(project(title_ru=""), BOTH_SIDES)
    assert blocking(gaps, action="submit") == []
    assert blocking(gaps, action="label") == []
    assert [g.code for g in blocking(gaps, action="publish")] == ["title_ru"]
    assert blocking(gaps, action="publish", without_translations=True) == []


def test_a_french_body_placed_in_russia_stands_on_the_french_side():
    embassy = partner("fr", "FR", "Ambassade de France en Russie", placed_in="RU")
    gaps = missing(project(), [embassy, partner("ru", "RU", "Moscou")])
    assert [g.code for g in gaps] == []
