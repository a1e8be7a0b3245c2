"""Committee members labelling at the same moment, in real threads with their own database
connections (issue 14, item 5): no error, and unique consecutive references."""

import threading

import pytest
from django.db import connection

from events import services
from events.models import Project
from events.programme import load_programme
from tests.factories import make_project
from tests.staff import make_staff

MEMBERS = 6


@pytest.fixture
def programme(transactional_db):
    """Transactional tests start from an emptied database: the programme and the groups again."""
    from importlib import import_module

    from django.apps import apps

    load_programme()
    import_module("events.migrations.0003_staff_groups").create_groups(apps, None)


def run_together(functions):
    """Run each function in its own thread, released at the same instant; returns (results, errors)."""
    barrier = threading.Barrier(len(functions))
    results, errors = [None] * len(functions), []

    def worker(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as exc:  # every error is the test's finding
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_committee_members_labelling_at_the_same_moment_get_consecutive_references(programme):
    members = [make_staff(f"member-{n}", "Labelling committee") for n in range(MEMBERS)]
    projects = [make_project(title=f"Initiative {n}", slug=f"initiative-{n}") for n in range(MEMBERS)]

    def label(member, project):
        return lambda: services.label_project(project=project, user=member).reference

    results, errors = run_together([label(m, p) for m, p in zip(members, projects, strict=True)])
    assert errors == []
    assert sorted(results) == [f"FR-RU-2021-{n:04d}" for n in range(74, 74 + MEMBERS)]
    stored = Project.objects.filter(pk__in=[p.pk for p in projects]).values_list("status", "reference")
    assert sorted(stored) == [("labelled", f"FR-RU-2021-{n:04d}") for n in range(74, 74 + MEMBERS)]


def test_a_withdrawal_and_a_publication_at_the_same_moment_leave_one_logged_state(programme):
    committee = make_staff("committee", "Labelling committee")
    other = make_staff("other", "Labelling committee")
    project = make_project(title="Initiative", slug="initiative", status="labelled")
    _results, errors = run_together(
        [
            lambda: services.publish_project(project=Project.objects.get(pk=project.pk), user=committee),
            lambda: services.withdraw_project(
                project=Project.objects.get(pk=project.pk), user=other, reason="Annulé"
            ),
        ]
    )
    # Either may come first; the second then sees the first's result (row lock), nothing is lost.
    project.refresh_from_db()
    steps = list(project.status_changes.order_by("id").values_list("from_status", "to_status"))
    if steps[0] == ("labelled", "withdrawn"):  # the publication came second and was refused
        assert steps == [("labelled", "withdrawn")]
        assert [error.code for error in errors] == ["invalid_transition"]
    else:
        assert steps == [("labelled", "published"), ("published", "withdrawn")]
        assert errors == []
    assert project.status == "withdrawn"
