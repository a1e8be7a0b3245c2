"""The staff desk: changes to published projects wait for review, the committee sends back with a
comment, steps need a complete project, staff are told by e-mail in their language, the dashboard."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from events import review, services
from events.models import (
    LabellingStatus,
    Project,
    ProjectRevision,
    RevisionState,
    StaffProfile,
    StatusChange,
    Theme,
)
from tests.events.test_workflow_guard import form_data
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


def staff(username, group, *, email=None, language=None):
    user = make_staff(username, group)
    if email:
        user.email = email
        user.save(update_fields=["email"])
    if language:
        StaffProfile.objects.create(user=user, language=language)
    return user


@pytest.fixture
def editor():
    return staff("editor", "Editors", email="editor@example.org")


@pytest.fixture
def committee():
    return staff("committee", "Labelling committee", email="committee@example.org")


def change_url(project):
    return reverse("admin:events_project_change", args=[project.pk])


def propose_title(client, project, title):
    data = form_data(client.get(change_url(project)))
    data["title_fr"] = title
    return client.post(change_url(project), data, follow=True)


# Changes to published projects ------------------------------------------------------------------


def test_an_editor_saving_a_published_project_proposes_a_change_and_the_public_sees_no_change(client, editor):
    project = make_project(title="Fête publiée", slug="fete-publiee", status=LabellingStatus.PUBLISHED)
    client.force_login(editor)
    response = propose_title(client, project, "Fête corrigée")
    assert "attend l’examen du comité de labellisation" in response.content.decode()
    unchanged = Project.objects.get(pk=project.pk)
    assert (unchanged.title_fr, unchanged.version) == ("Fête publiée", project.version)
    revision = ProjectRevision.objects.get(project=project)
    assert (revision.state, revision.author, revision.base_version) == ("pending", editor, project.version)
    assert revision.content["fields"]["title_fr"] == "Fête corrigée"
    assert revision.content["french"] == [p.partner_id for p in project.participations.filter(side="fr")]
    client.logout()
    public = client.get(project.get_absolute_url()).content.decode()
    assert "Fête publiée" in public
    assert "Fête corrigée" not in public


def test_the_committee_sees_only_the_changed_fields_and_approving_publishes_them(client, editor, committee):
    project = make_project(title="Fête publiée", slug="fete-publiee", status=LabellingStatus.PUBLISHED)
    client.force_login(editor)
    propose_title(client, project, "Fête corrigée")
    revision = ProjectRevision.objects.get(project=project)
    client.force_login(committee)
    page = client.get(reverse("admin:events_projectrevision_review", args=[revision.pk]))
    assert [(row.key, row.current, row.proposed) for row in page.context["changes"]] == [
        ("title_fr", "Fête publiée", "Fête corrigée")
    ]
    response = client.post(
        reverse("admin:events_projectrevision_review", args=[revision.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    project = Project.objects.get(pk=project.pk)
    assert (project.title_fr, project.version, project.status) == ("Fête corrigée", 2, "published")
    assert "fete corrigee" in project.search_title
    assert ProjectRevision.objects.get(pk=revision.pk).state == "approved"
    assert project.history.first().history_user == committee
    assert StatusChange.objects.filter(project=project).first().action == "approve_change"
    client.logout()
    assert "Fête corrigée" in client.get(project.get_absolute_url()).content.decode()


def test_an_editor_posting_the_approval_gets_403_and_nothing_changes(client, editor):
    project = make_project(title="Fête publiée", slug="fete-publiee", status=LabellingStatus.PUBLISHED)
    client.force_login(editor)
    propose_title(client, project, "Fête corrigée")
    revision = ProjectRevision.objects.get(project=project)
    url = reverse("admin:events_projectrevision_review", args=[revision.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 403
    assert ProjectRevision.objects.get(pk=revision.pk).state == "pending"
    assert Project.objects.get(pk=project.pk).title_fr == "Fête publiée"
    with pytest.raises(PermissionDenied):
        review.approve_revision(revision=revision, user=editor)


def test_a_committee_member_saves_a_published_project_directly(client, committee):
    project = make_project(title="Fête publiée", slug="fete-publiee", status=LabellingStatus.PUBLISHED)
    client.force_login(committee)
    propose_title(client, project, "Fête corrigée")
    assert Project.objects.get(pk=project.pk).title_fr == "Fête corrigée"
    assert ProjectRevision.objects.count() == 0


def test_a_change_sent_back_keeps_the_published_version_and_shows_the_comment_to_the_editor(
    client, editor, committee
):
    project = make_project(title="Fête publiée", slug="fete-publiee", status=LabellingStatus.PUBLISHED)
    revision = review.propose_change(project=project, user=editor, content=review.snapshot(project))
    with pytest.raises(ValidationError):
        review.send_back_revision(revision=revision, user=committee, comment="  ")
    review.send_back_revision(revision=revision, user=committee, comment="Gardez l’accent.")
    assert ProjectRevision.objects.get(pk=revision.pk).state == "sent_back"
    client.force_login(editor)
    assert "Gardez l’accent." in client.get(change_url(project)).content.decode()
    assert "Gardez l’accent." in client.get(reverse("admin:index")).content.decode()
    with pytest.raises(ValidationError):  # reviewed once only
        review.approve_revision(revision=revision, user=committee)
    # A new proposal answers the comment: it leaves the queue of what was sent back.
    review.propose_change(project=project, user=editor, content=review.snapshot(project))
    assert review.latest_comment(project) is None


def test_a_new_proposal_replaces_the_pending_one():
    editor = make_staff("editor", "Editors")
    project = make_project(title="Fête publiée", slug="fete-publiee", status=LabellingStatus.PUBLISHED)
    first = review.propose_change(project=project, user=editor, content=review.snapshot(project))
    second = review.propose_change(project=project, user=editor, content=review.snapshot(project))
    assert ProjectRevision.objects.get(pk=first.pk).state == RevisionState.SUPERSEDED
    assert review.pending_revision(project) == second


# Sending back submitted and labelled projects ---------------------------------------------------


def test_the_committee_sends_a_submitted_project_back_and_the_editor_resubmits(client, editor, committee):
    project = make_project(title="Proposition", slug="proposition")
    services.submit_for_labelling(project=project, user=editor)
    url = reverse("admin:events_project_transition", args=[project.pk])
    client.force_login(committee)
    client.post(url, {"action": "send_back", "comment": "Précisez les dates.", "version": project.version})
    project = Project.objects.get(pk=project.pk)
    assert (project.status, project.submitted_at) == ("proposed", None)
    change = StatusChange.objects.filter(project=project).first()
    assert (change.action, change.note, change.changed_by) == ("send_back", "Précisez les dates.", committee)
    client.force_login(editor)
    assert "Précisez les dates." in client.get(change_url(project)).content.decode()
    services.submit_for_labelling(project=project, user=editor)
    assert review.latest_comment(project) is None


def test_a_labelled_project_can_be_sent_back_before_publication_and_keeps_its_reference(committee):
    project = make_project(title="Proposition", slug="proposition")
    labelled = services.label_project(project=project, user=committee)
    sent = services.send_back(project=labelled, user=committee, comment="Partenaire à confirmer.")
    assert (sent.status, sent.labelled_on, sent.reference) == ("proposed", None, labelled.reference)


def test_an_unsubmitted_project_cannot_be_sent_back_and_an_editor_cannot_send_back(editor, committee):
    project = make_project(title="Proposition", slug="proposition")
    with pytest.raises(ValidationError):
        services.send_back(project=project, user=committee, comment="Non.")
    services.submit_for_labelling(project=project, user=editor)
    with pytest.raises(PermissionDenied):
        services.send_back(project=project, user=editor, comment="Non.")
    assert Project.objects.get(pk=project.pk).submitted_at is not None


# Completeness before the steps ------------------------------------------------------------------


def test_an_incomplete_project_is_refused_with_the_list_of_what_is_missing(editor):
    project = make_project(title="Sans date", slug="sans-date", start=None, end=None, russian=())
    with pytest.raises(ValidationError) as refused:
        services.submit_for_labelling(project=project, user=editor)
    assert len(refused.value.messages) == 2
    assert "Aucun partenaire russe" in refused.value.messages[0]
    assert "La période prévue manque." in refused.value.messages[1]
    assert Project.objects.get(pk=project.pk).submitted_at is None


def test_publishing_without_translations_needs_the_recorded_decision(committee):
    project = make_project(title="Sans russe", slug="sans-russe", status=LabellingStatus.LABELLED)
    Project.objects.filter(pk=project.pk).update(title_ru="")
    project = Project.objects.get(pk=project.pk)
    with pytest.raises(ValidationError):
        services.publish_project(project=project, user=committee)
    published = services.publish_project(project=project, user=committee, without_translations=True)
    assert published.status == "published"
    assert StatusChange.objects.filter(project=project).first().note == (
        "Publié sans les traductions\u00a0: Le titre russe manque."
    )


# Notifications ----------------------------------------------------------------------------------


def test_submission_and_labelling_are_told_by_mail_in_each_recipient_language(smtp_server, run_tasks, editor):
    russian_member = staff("svetlana", "Labelling committee", email="svetlana@example.org", language="ru")
    english_member = staff("john", "Labelling committee", email="john@example.org", language="en")
    staff("mute", "Labelling committee")  # no address: not written to
    project = make_project(title="Fête", slug="fete")
    services.submit_for_labelling(project=project, user=editor)
    services.label_project(project=project, user=english_member)
    run_tasks()
    # (a long encoded subject comes back folded, after a space)
    received = sorted((m["To"], m["Subject"].strip()) for m in smtp_server.messages)
    assert received == [
        ("editor@example.org", "Labellisé\u00a0: Fête"),
        ("john@example.org", "Submitted for labelling: Fête (en)"),
        ("svetlana@example.org", "Передан на присвоение знака: Fête (ru)"),
    ]
    body = next(m for m in smtp_server.messages if m["To"] == "john@example.org").get_content()
    assert f"http://127.0.0.1:8000/admin/events/project/{project.pk}/change/" in body
    assert russian_member.email == "svetlana@example.org"


def test_a_proposed_change_and_its_sending_back_are_told_by_mail(
    smtp_server, run_tasks, settings, editor, committee
):
    settings.PORTAL_BASE_URL = "https://annee.example.org"
    project = make_project(title="Fête", slug="fete", status=LabellingStatus.PUBLISHED)
    revision = review.propose_change(project=project, user=editor, content=review.snapshot(project))
    review.send_back_revision(revision=revision, user=committee, comment="Trop long.")
    run_tasks()
    messages = {m["To"]: m for m in smtp_server.messages}
    assert messages["committee@example.org"]["Subject"] == "Modification à examiner\u00a0: Fête"
    assert (
        f"https://annee.example.org/admin/events/projectrevision/{revision.pk}/review/"
        in messages["committee@example.org"].get_content()
    )
    assert messages["editor@example.org"]["Subject"] == "Modification renvoyée\u00a0: Fête"
    assert "Trop long." in messages["editor@example.org"].get_content()


# The dashboard ----------------------------------------------------------------------------------


def test_the_dashboard_counts_each_status_exactly(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:index")).context["statuses"] == [
        ("proposé", 0, "proposed"),
        ("labellisé", 0, "labelled"),
        ("publié", 73, "published"),
        ("retiré", 0, "withdrawn"),
    ]
    make_project(title="Un", slug="un")
    make_project(title="Deux", slug="deux")
    make_project(title="Trois", slug="trois", status=LabellingStatus.LABELLED)
    counts = [(n, value) for _label, n, value in client.get(reverse("admin:index")).context["statuses"]]
    assert counts == [(2, "proposed"), (1, "labelled"), (73, "published"), (0, "withdrawn")]


def test_the_queue_lists_submissions_sent_back_projects_and_pending_changes(client, editor, committee):
    submitted = make_project(title="Soumis", slug="soumis")
    services.submit_for_labelling(project=submitted, user=editor)
    returned = make_project(title="Renvoyé", slug="renvoye")
    services.submit_for_labelling(project=returned, user=editor)
    services.send_back(project=returned, user=committee, comment="À revoir.")
    live = make_project(title="En ligne", slug="en-ligne", status=LabellingStatus.PUBLISHED)
    revision = review.propose_change(project=live, user=editor, content=review.snapshot(live))
    client.force_login(committee)
    context = client.get(reverse("admin:index")).context
    assert [p.slug for p in context["waiting"]] == ["soumis"]
    assert [(p.slug, c.note) for p, c in context["sent_back"]] == [("renvoye", "À revoir.")]
    assert list(context["pending_revisions"]) == [revision]


def test_editors_submit_several_projects_with_the_bulk_action(client, editor):
    projects = [make_project(title=f"Initiative {i}", slug=f"initiative-{i}") for i in range(2)]
    client.force_login(editor)
    client.post(
        reverse("admin:events_project_changelist"),
        {"action": "submit_selected", "_selected_action": [p.pk for p in projects]},
    )
    assert Project.objects.filter(pk__in=[p.pk for p in projects], submitted_at__isnull=False).count() == 2


def test_staff_edit_only_their_own_notification_language(client, editor, committee):
    client.force_login(editor)
    response = client.get(reverse("admin:events_staffprofile_changelist"))
    profile = StaffProfile.objects.get(user=editor)
    assert response["Location"] == reverse("admin:events_staffprofile_change", args=[profile.pk])
    client.post(response["Location"], {"language": "ru"})
    assert StaffProfile.objects.get(user=editor).language == "ru"
    other = StaffProfile.objects.create(user=committee)
    client.post(reverse("admin:events_staffprofile_change", args=[other.pk]), {"language": "en"})
    assert StaffProfile.objects.get(pk=other.pk).language == "fr"


def test_a_proposed_change_keeps_every_cached_public_page(editor):
    from portal import cache as content

    project = make_project(title="Fête", slug="fete", status=LabellingStatus.PUBLISHED)
    before = content.read_version()
    review.propose_change(project=project, user=editor, content=review.snapshot(project))
    assert content.read_version() == before


def test_the_change_form_lists_what_is_missing_with_links_to_the_fields(client, editor):
    project = make_project(title="Sans date", slug="sans-date", start=None, end=None)
    Project.objects.filter(pk=project.pk).update(title_en="")
    client.force_login(editor)
    response = client.get(change_url(project))
    assert [(item.code, item.anchor) for item in response.context["missing"]] == [
        ("title_en", "id_title_en"),
        ("planned", "id_planned_start"),
    ]
    assert '<a href="#id_planned_start">La période prévue manque.</a>' in response.content.decode()


def test_an_editor_reverting_a_published_project_in_the_history_proposes_a_change(client, editor):
    project = make_project(title="Fête publiée", slug="fete-publiee", status=LabellingStatus.PUBLISHED)
    Project.objects.filter(pk=project.pk).update(title_fr="Fête renommée")
    project = Project.objects.get(pk=project.pk)
    first = project.history.earliest("history_date")
    url = reverse("admin:events_project_simple_history", args=[project.pk, first.history_id])
    client.force_login(editor)
    data = form_data(client.get(url))
    other = Theme.objects.exclude(slug="sport").order_by("position").first()
    data["themes"] = [str(other.pk)]  # not written to the published project either
    assert client.post(url, data).status_code == 302
    unchanged = Project.objects.get(pk=project.pk)
    assert (unchanged.title_fr, list(unchanged.themes.values_list("slug", flat=True))) == (
        "Fête renommée",
        ["sport"],
    )
    revision = review.pending_revision(project)
    assert [(row.key, row.proposed) for row in review.diff(review.snapshot(project), revision.content)] == [
        ("title_fr", "Fête publiée"),
        ("themes", other.name),
    ]


def test_the_publish_page_offers_the_recorded_decision_to_publish_without_translations(client, committee):
    project = make_project(title="Sans anglais", slug="sans-anglais", status=LabellingStatus.LABELLED)
    Project.objects.filter(pk=project.pk).update(description_en="")
    version = Project.objects.get(pk=project.pk).version
    url = reverse("admin:events_project_transition", args=[project.pk])
    client.force_login(committee)
    page = client.get(url, {"action": "publish", "version": version})
    assert 'name="without_translations"' in page.content.decode()
    client.post(url, {"action": "publish", "version": version})
    assert Project.objects.get(pk=project.pk).status == "labelled"
    client.post(url, {"action": "publish", "version": version, "without_translations": "on"})
    assert Project.objects.get(pk=project.pk).status == "published"
    assert StatusChange.objects.filter(project=project).first().note == (
        "Publié sans les traductions\u00a0: La description anglaise manque."
    )


def test_the_editor_form_starts_from_the_change_sent_back_and_saving_it_proposes_it_again(
    client, editor, committee
):
    project = make_project(title="Fête publiée", slug="fete-publiee", status=LabellingStatus.PUBLISHED)
    client.force_login(editor)
    propose_title(client, project, "Fête corrigée")
    review.send_back_revision(
        revision=review.pending_revision(project), user=committee, comment="Ajoutez la ville."
    )
    page = client.get(change_url(project))
    assert page.context["adminform"].form["title_fr"].value() == "Fête corrigée"
    client.post(change_url(project), {**form_data(page), "title_fr": "Fête corrigée à Nice"})
    revision = review.pending_revision(project)
    assert [(row.key, row.proposed) for row in review.diff(review.snapshot(project), revision.content)] == [
        ("title_fr", "Fête corrigée à Nice")
    ]
    client.force_login(committee)  # the committee's own form shows the published project
    assert client.get(change_url(project)).context["adminform"].form["title_fr"].value() == "Fête publiée"


def test_a_change_that_removes_every_russian_partner_cannot_be_approved(editor, committee):
    project = make_project(title="Fête", slug="fete", status=LabellingStatus.PUBLISHED)
    content = review.snapshot(project)
    revision = review.propose_change(project=project, user=editor, content={**content, "russian": []})
    with pytest.raises(ValidationError) as refused:
        review.approve_revision(revision=revision, user=committee)
    assert refused.value.messages == [
        "Cette modification ne peut pas être approuvée\u00a0: Aucun partenaire russe\u00a0: nommez-en un, ou "
        "cochez «\u00a0autres partenaires russes\u00a0» s’ils restent à déterminer."
    ]
    assert [p.partner.slug for p in Project.objects.get(pk=project.pk).participations.all()] == [
        "nice",
        "moscou",
    ]
    assert ProjectRevision.objects.get(pk=revision.pk).state == "pending"


def test_an_approved_change_still_shows_what_it_replaced(client, editor, committee):
    project = make_project(title="Fête", slug="fete", status=LabellingStatus.PUBLISHED)
    content = review.snapshot(project)
    content["fields"]["title_en"] = "Party"
    revision = review.propose_change(project=project, user=editor, content=content)
    review.approve_revision(revision=revision, user=committee)
    client.force_login(committee)
    page = client.get(reverse("admin:events_projectrevision_review", args=[revision.pk]))
    assert [(row.key, row.current, row.proposed) for row in page.context["changes"]] == [
        ("title_en", "Fête (en)", "Party")
    ]


def test_the_submitter_is_told_when_sent_back_and_when_published(smtp_server, run_tasks, editor, committee):
    project = make_project(title="Fête", slug="fete")
    services.submit_for_labelling(project=project, user=editor)
    services.send_back(project=project, user=committee, comment="Précisez le lieu.")
    services.submit_for_labelling(project=project, user=editor)
    services.label_project(project=project, user=committee)
    services.publish_project(project=project, user=committee)
    run_tasks()
    to_editor = [m for m in smtp_server.messages if m["To"] == "editor@example.org"]
    assert sorted(m["Subject"] for m in to_editor) == [
        "Labellisé\u00a0: Fête",
        "Publié\u00a0: Fête",
        "Renvoyé pour modification\u00a0: Fête",
    ]
    sent_back = next(m for m in to_editor if m["Subject"].startswith("Renvoyé"))
    assert "Précisez le lieu." in sent_back.get_content()
    assert [m["Subject"] for m in smtp_server.messages if m["To"] == "committee@example.org"] == [
        "Soumis à la labellisation\u00a0: Fête",
        "Soumis à la labellisation\u00a0: Fête",
    ]


def test_the_diff_marks_the_words_that_change_and_escapes_the_text():
    before, after = review.highlight("Fête <b>de</b> Nice", "Fête <b>de</b> Nice et Moscou")
    assert (before, after) == (
        "Fête &lt;b&gt;de&lt;/b&gt; Nice",
        "Fête &lt;b&gt;de&lt;/b&gt; Nice<ins> et Moscou</ins>",
    )
    assert review.highlight("Fête à Nice", "Fête à Lyon") == (
        "Fête à <del>Nice</del>",
        "Fête à <ins>Lyon</ins>",
    )
