from datetime import date

import pytest
from django.db import IntegrityError, transaction

from events.models import Project, workflow_writer

pytestmark = pytest.mark.django_db


def make(**fields):
    defaults = {
        "slug": "test-slug",
        "title_fr": "Titre",
        "planned_start": None,
        "planned_end": None,
        "planned_precision": "unknown",
    }
    return Project.objects.create(**{**defaults, **fields})


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make(planned_start=date(2021, 5, 2), planned_end=date(2021, 5, 1), planned_precision="day")


def test_a_period_has_both_ends_or_neither():
    with pytest.raises(IntegrityError), transaction.atomic():
        make(planned_start=date(2021, 5, 2), planned_precision="day")


def test_an_unknown_period_has_no_dates():
    with pytest.raises(IntegrityError), transaction.atomic():
        make(planned_start=date(2021, 5, 1), planned_end=date(2021, 5, 1), planned_precision="unknown")


def test_a_dated_period_has_a_precision():
    with pytest.raises(IntegrityError), transaction.atomic():
        make(planned_start=date(2021, 5, 1), planned_end=date(2021, 5, 1), planned_precision="unknown")


def test_slugs_are_unique():
    make(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make(slug="same")


def test_a_labelled_project_has_a_label_date():
    with pytest.raises(IntegrityError), transaction.atomic(), workflow_writer("test"):
        make(status="labelled", labelled_on=None)


def test_a_published_project_has_a_publication_date():
    with pytest.raises(IntegrityError), transaction.atomic(), workflow_writer("test"):
        make(status="published", labelled_on=date(2021, 3, 19), published_at=None)


def test_planned_display_is_honest_about_fuzzy_dates():
    project = Project.objects.get(reference="FR-RU-2021-0003")  # "Semestre 2"
    assert project.planned_display in {"second semestre 2021", "second half of 2021"}


def test_a_side_without_partners_reads_to_be_determined_in_each_language():
    from django.utils import translation

    from tests.factories import make_project

    project = make_project(french=("angers", "arles"), russian=())
    with translation.override("fr"):
        assert (project.french_partner_names, project.russian_partner_names) == (
            "Angers, Arles",
            "à déterminer",
        )
    with translation.override("en"):
        assert project.russian_partner_names == "to be determined"
