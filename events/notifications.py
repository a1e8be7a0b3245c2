"""E-mail to staff about the labelling workflow, each message in its recipient's language.

The labelling committee hears of what waits for it (a project submitted, a change to a live project
proposed); the editor who submitted a project, or proposed a change, hears of what became of it
(sent back, labelled, published, approved). Messages go through the task queue
(`events.mail.send_email`), enqueued inside the caller's transaction: a step rolled back sends nothing.
Each one carries an absolute link to the admin page to open, built from settings.PORTAL_BASE_URL.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .mail import send_email
from .models import StaffProfile, StatusChange

COMMITTEE = "Labelling committee"


def staff_language(user) -> str:
    """The language of `user`'s notifications (their staff profile; French when they have none)."""
    profile = StaffProfile.objects.filter(user=user).values_list("language", flat=True).first()
    return profile or settings.LANGUAGE_CODE


def committee_members(*, besides=None) -> list:
    """Active members of the labelling committee who have an e-mail address, but `besides`."""
    members = (
        get_user_model()
        .objects.filter(groups__name=COMMITTEE, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .distinct()
    )
    if besides is not None:
        members = members.exclude(pk=besides.pk)
    return list(members)


def absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL + path


def _send(*, users, project, subject, lines, path) -> int:
    """One message per recipient with an address, written in their language."""
    sent = 0
    for user in users:
        if user is None or not user.email:
            continue
        with translation.override(staff_language(user)):
            title = project.title  # modeltranslation: the recipient's language, French when missing
            body = "\n\n".join(
                [
                    _("Hello %(name)s,") % {"name": user.get_full_name() or user.get_username()},
                    *[line(title) for line in lines],
                    _("Open it: %(url)s") % {"url": absolute(path)},
                ]
            )
            send_email.enqueue(to=[user.email], subject=subject(title), body=body)
        sent += 1
    return sent


def _project_path(project) -> str:
    return reverse("admin:events_project_change", args=[project.pk])


def submitter(project):
    """Who last submitted `project` for labelling, when someone did."""
    change = (
        StatusChange.objects.filter(project=project, action="submit")
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
        .first()
    )
    return change.changed_by if change else None


def workflow_step(*, change: StatusChange) -> int:
    """Tell the people concerned by a step of the labelling workflow; returns how many were told."""
    project, actor = change.project, change.changed_by
    if change.action == "submit":
        return _send(
            users=committee_members(besides=actor),
            project=project,
            subject=lambda t: _("Submitted for labelling: %(title)s") % {"title": t},
            lines=[
                lambda t: (
                    _("“%(title)s” was submitted for labelling and waits for the committee.") % {"title": t}
                )
            ],
            path=_project_path(project),
        )
    note = change.note
    messages = {
        "send_back": (
            lambda t: _("Sent back for changes: %(title)s") % {"title": t},
            [
                lambda t: _("The labelling committee sent “%(title)s” back for changes:") % {"title": t},
                lambda t: note,
            ],
        ),
        "label": (
            lambda t: _("Labelled: %(title)s") % {"title": t},
            [lambda t: _("“%(title)s” was labelled by the committee.") % {"title": t}],
        ),
        "publish": (
            lambda t: _("Published: %(title)s") % {"title": t},
            [lambda t: _("“%(title)s” is now published on the portal.") % {"title": t}],
        ),
    }
    if change.action not in messages:
        return 0
    subject, lines = messages[change.action]
    author = submitter(project)
    if author is not None and author == actor:
        return 0
    return _send(users=[author], project=project, subject=subject, lines=lines, path=_project_path(project))


def revision_proposed(*, revision) -> int:
    """A change to a live project waits for the committee's review."""
    return _send(
        users=committee_members(besides=revision.author),
        project=revision.project,
        subject=lambda t: _("Change to review: %(title)s") % {"title": t},
        lines=[
            lambda t: (
                _(
                    "A change to the published project “%(title)s” was proposed; the public sees the "
                    "published version until the committee approves it."
                )
                % {"title": t}
            )
        ],
        path=reverse("admin:events_projectrevision_review", args=[revision.pk]),
    )


def revision_reviewed(*, revision) -> int:
    """The author of a change hears whether it was approved or sent back."""
    comment = revision.comment
    if revision.state == "approved":
        subject = lambda t: _("Change published: %(title)s") % {"title": t}  # noqa: E731
        lines = [lambda t: _("Your change to “%(title)s” was approved and is now public.") % {"title": t}]
    else:
        subject = lambda t: _("Change sent back: %(title)s") % {"title": t}  # noqa: E731
        lines = [
            lambda t: _("The labelling committee sent your change to “%(title)s” back:") % {"title": t},
            lambda t: comment,
        ]
    if comment and revision.state == "approved":
        lines.append(lambda t: comment)
    return _send(
        users=[revision.author] if revision.author != revision.reviewer else [],
        project=revision.project,
        subject=subject,
        lines=lines,
        path=_project_path(revision.project),
    )
