"""The programme loader never changes what staff decided; updates show their diff first; a full
export restores the programme; database backups are documented and work (issue 14, item 7)."""

import json
import shutil
import sqlite3
import subprocess
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from events import services
from events.models import ProgrammeChange, ProgrammeLoadRecord, Project, StatusChange
from events.programme import DEFAULT_DIRECTORY
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db

PROGRAMME = 73


def run(*args) -> str:
    out = StringIO()
    call_command("load_programme", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def committee():
    return make_staff("committee", "Labelling committee")


@pytest.fixture
def changed_fixture(tmp_path):
    """A copy of the fixture in which the programme's editors corrected project 7 (both titles)."""
    directory = tmp_path / "programme"
    shutil.copytree(DEFAULT_DIRECTORY, directory)
    for path in (directory / "projects").glob("*.json"):
        projects = json.loads(path.read_text())
        for project in projects:
            if project["ref"] == 7:
                project["title"]["en"] = "Museums of Tours and Vologda: new title"
                project["title"]["fr"] = "Musées de Tours et de Vologda : nouveau titre"
        path.write_text(json.dumps(projects, ensure_ascii=False))
    return directory


def test_a_project_staff_deleted_is_not_created_again():
    Project.objects.get(reference="FR-RU-2021-0005").delete()
    output = run()
    assert not Project.objects.filter(reference="FR-RU-2021-0005").exists()
    assert Project.objects.count() == PROGRAMME - 1
    assert "project FR-RU-2021-0005: deleted by staff, not created again" in output
    run("--update")
    assert not Project.objects.filter(reference="FR-RU-2021-0005").exists()


def test_a_deletion_made_before_load_records_existed_is_respected():
    ProgrammeLoadRecord.objects.all().delete()  # a database loaded by the loader of before
    Project.objects.get(reference="FR-RU-2021-0005").delete()
    run()
    assert not Project.objects.filter(reference="FR-RU-2021-0005").exists()
    assert ProgrammeLoadRecord.objects.get(kind="project", key="FR-RU-2021-0005").object_id is None


def test_loading_with_update_never_publishes_a_withdrawn_project_again(committee):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    services.withdraw_project(project=project, user=committee, reason="Annulé par la ville")
    run("--update")
    project.refresh_from_db()
    assert (project.status, project.withdrawn_reason) == ("withdrawn", "Annulé par la ville")
    assert StatusChange.objects.filter(project=project).count() == 1


def test_update_applies_the_fixture_where_staff_changed_nothing_and_keeps_their_edits(changed_fixture):
    project = Project.objects.get(reference="FR-RU-2021-0007")
    project.title_fr = "Titre revu par l'équipe"
    project.save()
    output = run("--update", "--directory", str(changed_fixture))
    project.refresh_from_db()
    assert project.title_en == "Museums of Tours and Vologda: new title"
    assert project.title_fr == "Titre revu par l'équipe"
    assert "~ project FR-RU-2021-0007 title_en: " in output
    assert '= project FR-RU-2021-0007 title_fr: kept "Titre revu par l\'équipe" (changed by staff)' in output
    assert "Updated: 1 Project. Staff changes kept: 1 Project." in output
    # The next update finds nothing to do: the loader remembers what it wrote.
    assert "Updated: nothing." in run("--update", "--directory", str(changed_fixture))


def test_a_dry_run_prints_the_diff_and_changes_nothing(changed_fixture):
    before = Project.objects.get(reference="FR-RU-2021-0007")
    output = run("--update", "--dry-run", "--directory", str(changed_fixture))
    assert "~ project FR-RU-2021-0007 title_en: " in output
    assert "Museums of Tours and Vologda: new title" in output
    assert "Dry run, nothing was written. Would create: nothing. Would update: 1 Project." in output
    after = Project.objects.get(reference="FR-RU-2021-0007")
    assert (after.title_en, after.version) == (before.title_en, before.version)


def test_the_update_diff_names_a_moved_partner_and_the_projects_follow(tmp_path):
    directory = tmp_path / "programme"
    shutil.copytree(DEFAULT_DIRECTORY, directory)
    partners = json.loads((directory / "partners.json").read_text())
    for partner in partners:
        if partner["key"] == "poitiers":
            partner["territory"] = "bordeaux"
    (directory / "partners.json").write_text(json.dumps(partners, ensure_ascii=False))
    output = run("--update", "--directory", str(directory))
    assert "~ partner poitiers territory_id: " in output
    project = Project.objects.get(reference="FR-RU-2021-0014")
    assert "bordeaux" in set(project.territories.values_list("slug", flat=True))


# Full export and restore -------------------------------------------------------------------------


def export_all() -> dict:
    out = StringIO()
    call_command("export_programme", "--all", stdout=out)
    document = json.loads(out.getvalue())
    del document["exported_at"]
    return document


def test_a_full_export_restores_every_status_the_log_and_the_ids(tmp_path, committee):
    proposed = make_project(title="Brouillon", slug="brouillon")
    services.label_project(project=proposed, user=committee)
    withdrawn = Project.objects.get(reference="FR-RU-2021-0014")
    services.withdraw_project(project=withdrawn, user=committee, reason="Annulé")
    before = export_all()
    assert before["counts"]["events.Project"] == PROGRAMME + 1
    path = tmp_path / "programme-export.json"
    path.write_text(json.dumps({**before, "exported_at": "2021-12-31T00:00:00+00:00"}, ensure_ascii=False))

    output = run("--from", str(path), "--replace")
    assert "Restored: " in output and "74 events.Project" in output
    assert export_all() == before
    restored = Project.objects.get(pk=proposed.pk)
    assert (restored.status, restored.reference) == ("labelled", "FR-RU-2021-0074")
    assert Project.objects.get(pk=withdrawn.pk).status == "withdrawn"
    assert list(StatusChange.objects.filter(project=withdrawn).values_list("to_status", "changed_by")) == [
        ("withdrawn", committee.pk)
    ]
    # The public change log too (the withdrawal of a project once published), with its author.
    assert list(ProgrammeChange.objects.filter(project=withdrawn).values_list("kind", "changed_by")) == [
        ("withdrawn", committee.pk)
    ]
    # New rows continue after the restored ids, and references after the restored counter.
    again = make_project(title="Après restauration", slug="apres-restauration")
    assert again.pk > max(p["pk"] for p in before["objects"] if p["model"] == "events.project")
    assert services.label_project(project=again, user=committee).reference == "FR-RU-2021-0075"


def test_a_restore_refuses_to_mix_two_programmes_and_unreadable_files(tmp_path):
    path = tmp_path / "programme-export.json"
    path.write_text(json.dumps({**export_all(), "exported_at": "x"}))
    with pytest.raises(CommandError, match=r"already holds a programme \(73 projects\)"):
        run("--from", str(path))
    (tmp_path / "bad.json").write_text('{"format": "something else"}')
    with pytest.raises(CommandError, match="is not a programme export"):
        run("--from", str(tmp_path / "bad.json"), "--replace")
    assert Project.objects.count() == PROGRAMME


# Database backups, as docs/backup.md tells -------------------------------------------------------


def test_sqlite_backup_and_restore_as_documented(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite procedure")
    database = connection.settings_dict["NAME"]
    backup, restored = tmp_path / "backup.sqlite3", tmp_path / "restored.sqlite3"
    subprocess.run(["sqlite3", database, f".backup '{backup}'"], check=True, timeout=60)
    subprocess.run(["sqlite3", str(restored), f".restore '{backup}'"], check=True, timeout=60)
    with sqlite3.connect(restored) as copy:
        assert copy.execute("select count(*) from events_project").fetchone() == (PROGRAMME,)
        assert copy.execute("pragma integrity_check").fetchone() == ("ok",)


def test_postgresql_backup_and_restore_as_documented(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL procedure")
    settings = connection.settings_dict
    host, port = settings["HOST"] or "127.0.0.1", str(settings["PORT"] or 5432)
    options = ["-h", host, "-p", port, "-U", settings["USER"]]
    copy = f"{settings['NAME']}_restore"
    dump = tmp_path / "portal.dump"
    subprocess.run(["pg_dump", *options, "-Fc", "-f", str(dump), settings["NAME"]], check=True, timeout=120)
    subprocess.run(["dropdb", *options, "--if-exists", copy], check=True, timeout=60)
    subprocess.run(["createdb", *options, copy], check=True, timeout=60)
    try:
        subprocess.run(["pg_restore", *options, "--no-owner", "-d", copy, str(dump)], check=True, timeout=120)
        count = subprocess.run(
            ["psql", *options, "-At", "-d", copy, "-c", "select count(*) from events_project"],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert count.stdout.strip() == str(PROGRAMME)
    finally:
        subprocess.run(["dropdb", *options, "--if-exists", copy], check=True, timeout=60)
