"""State changes of applications: received from the public form, accepted or declined by staff.

Each function is atomic and takes keyword arguments only. The e-mails to the applicant are tasks
(events.mail.send_email) enqueued once the transaction has committed: an application is stored
whatever happens to the mail server, and the queue retries the message.
"""

import logging

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events import search
from events import services as workflow
from events.mail import send_email
from events.models import LabellingStatus, Participation, Project, Side, side_of
from events.periods import parse_planned
from partners import gazetteer
from partners.models import Country, Partner, Territory
from partners.services import place_from_gazetteer, unique_slug

from .models import Application, ApplicationState

logger = logging.getLogger(__name__)

TRACKING_SALT = "applications.tracking"
DECIDE_PERMISSION = "applications.decide_application"
# Share of common title words (Jaccard) above which an application looks like an existing project.
SIMILAR_TITLE = 0.6


# The private tracking link -------------------------------------------------------------------------


def tracking_token(application: Application) -> str:
    """The signed token of the applicant's tracking link (no account: whoever holds it may read)."""
    return signing.dumps(application.pk, salt=TRACKING_SALT)


def application_for_token(token: str) -> Application | None:
    """The application a tracking token designates; None for a token forged, altered or obsolete."""
    try:
        pk = signing.loads(token, salt=TRACKING_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Application.objects.select_related("project").filter(pk=pk).first()


def tracking_url(application: Application, base_url: str) -> str:
    """The absolute tracking link, in the applicant's language."""
    with translation.override(application.interface_language):
        path = reverse("applications:track", kwargs={"token": tracking_token(application)})
    return base_url.rstrip("/") + path


def _send_to_applicant(application: Application, *, template: str, subject, base_url: str) -> None:
    """Enqueue one e-mail to the applicant, in their language, once the transaction commits."""
    with translation.override(application.interface_language):
        context = {"application": application, "tracking_url": tracking_url(application, base_url)}
        message = {
            "to": [application.email],
            "subject": str(subject) % {"title": application.title},
            "body": render_to_string(f"applications/email/{template}.txt", context),
        }
    transaction.on_commit(lambda: send_email.enqueue(**message), robust=True)


# Received ------------------------------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return {w for w in search.fold(text).split() if len(w) > 2 and w not in search.STOP_WORDS}


def _latin(text: str) -> str:
    return " ".join(search.to_latin(word) for word in search.fold(text).split())


def similar_project(*, title: str, organisation: str, partner_name: str, exclude=None) -> Project | None:
    """A project already in the portal that this application looks like: the same two partners
    (names compared folded, in any language) or a title sharing most of its words."""
    names = {_latin(organisation), _latin(partner_name)} - {""}
    if len(names) == 2:
        by_project = {}
        rows = Participation.objects.values_list(
            "project_id", "partner__name_fr", "partner__name_ru", "partner__name_en"
        )
        for project_id, *partner_names in rows:
            by_project.setdefault(project_id, set()).update(_latin(n or "") for n in partner_names)
        for project_id, known in sorted(by_project.items()):
            if project_id != exclude and names <= known:
                return Project.objects.get(pk=project_id)
    words = _words(title)
    if not words:
        return None
    for pk, *titles in Project.objects.exclude(pk=exclude).values_list(
        "pk", "title_fr", "title_ru", "title_en"
    ):
        for other in filter(None, titles):
            theirs = _words(other)
            if theirs and len(words & theirs) / len(words | theirs) >= SIMILAR_TITLE:
                return Project.objects.get(pk=pk)
    return None


def _project_slug(title: str) -> str:
    """A Latin slug even for a title in Cyrillic."""
    return workflow.project_slug(_latin(title) or "projet")


@transaction.atomic
def receive_application(
    *, data: dict, partner: Partner | None, interface_language: str, base_url: str
) -> Application:
    """Store an application sent through the public form and its proposed project, and enqueue the
    acknowledgement to the applicant.

    The title and the description go into the project's field of the language they are written in
    (French is the source language: staff translate the others). The planned dates are read from the
    wording when events.periods understands it; the wording is kept in every case.
    """
    language = data["language"]
    application = Application.objects.create(
        organisation=data["organisation"],
        kind=data["kind"],
        country=data["country"],
        place=data["place"],
        contact_name=data["contact_name"],
        email=data["email"],
        phone=data.get("phone", ""),
        partner=partner,
        partner_name=data["partner_name"],
        language=language,
        interface_language=interface_language,
        title=data["title"],
        description=data["description"],
        planned_text=data["planned_text"],
        consented_at=timezone.now(),
    )
    application.themes.set(data["themes"])
    try:
        period = parse_planned(data["planned_text"])
    except ValueError:
        period = None
    project = Project(
        slug=_project_slug(data["title"]),
        **{
            f"title_{language}": data["title"],
            f"description_{language}": data["description"],
            f"planned_text_{language}": data["planned_text"],
        },
    )
    if period is not None:
        project.planned_start, project.planned_end = period.start, period.end
        project.planned_precision = period.precision
    project.save()
    project.themes.set(data["themes"])
    workflow.refresh_derived_fields(project=project)
    similar = similar_project(
        title=data["title"],
        organisation=data["organisation"],
        partner_name=data["partner_name"],
        exclude=project.pk,
    )
    application.project = project
    application.similar_project = similar
    application.looks_like_existing = similar is not None
    application.save(update_fields=["project", "similar_project", "looks_like_existing"])
    _send_to_applicant(
        application,
        template="received",
        subject=gettext_lazy("Your application “%(title)s” has been received"),
        base_url=base_url,
    )
    return application


# Accepted or declined ------------------------------------------------------------------------------


def _check_permission(user, *extra) -> None:
    if not all(user.has_perm(p) for p in (DECIDE_PERMISSION, *extra)):
        raise PermissionDenied(_("You are not allowed to accept or decline applications."))


def _locked(application: Application) -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.state != ApplicationState.RECEIVED:
        raise ValidationError(
            _("This application is already %(state)s.") % {"state": locked.get_state_display()},
            code="decided",
        )
    return locked


def _names(obj) -> set[str]:
    values = [obj.name_fr, obj.name_ru, obj.name_en, *getattr(obj, "alternative_names_list", [])]
    return {_latin(v) for v in values if v}


def find_partner(name: str, country: str) -> Partner | None:
    """The partner of that country whose name, in any language or script, is `name`."""
    key = _latin(name)
    return next((p for p in Partner.objects.filter(country=country) if key in _names(p)), None)


def find_territory(name: str, country: str) -> Territory | None:
    """The place of that country named `name` in any language or alternative spelling."""
    key = _latin(name)
    return next((t for t in Territory.objects.filter(country=country) if key in _names(t)), None)


def _applicant_partner(application: Application, notes: list[str]) -> Partner | None:
    known = find_partner(application.organisation, application.country)
    if known is not None:
        return known
    territory = find_territory(application.place, application.country)
    if territory is None:
        # A town the portal does not know yet, named once in the gazetteer: created with its
        # coordinates and names (a homonym is left for staff to choose).
        homonyms = gazetteer.find(application.place, country=application.country)
        if len(homonyms) == 1:
            territory = place_from_gazetteer(homonyms[0])
            notes.append(
                _("The place “%(place)s” was added from the gazetteer: check where it lies on the map.")
                % {"place": territory.name}
            )
    if territory is None:
        notes.append(
            _(
                "“%(name)s” is not a partner of the portal yet and no place is named “%(place)s”: add "
                "the place (with its coordinates) and the partner, then add it to the project."
            )
            % {"name": application.organisation, "place": application.place}
        )
        return None
    partner = Partner(
        slug=unique_slug(Partner, _latin(application.organisation) or "partner"),
        kind=application.kind,
        country=application.country,
        territory=territory,
        name_fr=application.organisation,
    )
    setattr(partner, f"name_{application.language}", application.organisation)
    partner.save()
    if application.language != "fr":
        notes.append(
            _("Partner “%(name)s” was created at %(place)s: check its French name.")
            % {"name": application.organisation, "place": territory.name}
        )
    return partner


def _other_partner(application: Application, notes: list[str]) -> Partner | None:
    other_country = Country.RUSSIA if application.country == Country.FRANCE else Country.FRANCE
    if application.partner is not None and application.partner.country == other_country:
        return application.partner
    known = find_partner(application.partner_name, other_country)
    if known is None:
        notes.append(
            _(
                "The partner “%(name)s” is not in the portal and the application gives no place for it: "
                "add it (and its place) to the project."
            )
            % {"name": application.partner_name}
        )
    return known


@transaction.atomic
def accept_application(*, application: Application, user) -> Application:
    """Staff accept an application: its partners are found or created (a new partner needs a known
    place, or one the gazetteer names unambiguously: otherwise it is left for staff, and
    `staff_note` says so), added to its project, and the
    project is submitted to the labelling committee when it is complete (otherwise `staff_note`
    lists what an editor must add before submitting it).

    Requires the permission to decide on applications and the one to submit projects for labelling.
    """
    _check_permission(user, "events.submit_project")
    locked = _locked(application)
    project = locked.project
    if project is None:
        raise ValidationError(_("The proposed project of this application was deleted."), code="no_project")
    notes: list[str] = []
    applicant = _applicant_partner(locked, notes)
    other = _other_partner(locked, notes)
    sides = {Side.FRENCH: list(project.french_partners), Side.RUSSIAN: list(project.russian_partners)}
    for partner in filter(None, (applicant, other)):
        side = side_of(partner)
        if partner not in sides[side]:
            sides[side].append(partner)
    workflow.set_participants(
        project=project, french=sides[Side.FRENCH], russian=sides[Side.RUSSIAN], themes=locked.themes.all()
    )
    project.refresh_from_db()
    try:
        workflow.submit_for_labelling(project=project, user=user)
    except ValidationError as gaps:
        # Applicants write in their own language and may give no dates: the project goes to the
        # committee once an editor has completed it (the French text first), and the note says what
        # is missing. The application is accepted all the same.
        notes.extend(gaps.messages)
    locked.state = ApplicationState.ACCEPTED
    locked.decided_at = timezone.now()
    locked.staff_note = "\n".join(notes)
    locked.save(update_fields=["state", "decided_at", "staff_note"])
    application.refresh_from_db()
    return application


@transaction.atomic
def decline_application(*, application: Application, user, reason: str, base_url: str) -> Application:
    """Staff decline an application, giving the reason that is e-mailed to the applicant (in their
    language) and shown on their tracking page. Its proposed project, never submitted, is deleted:
    the application keeps the applicant's text."""
    _check_permission(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for declining the application."), code="reason_required")
    locked = _locked(application)
    project = locked.project
    locked.state = ApplicationState.DECLINED
    locked.decline_reason = reason
    locked.decided_at = timezone.now()
    locked.project = None
    locked.save(update_fields=["state", "decline_reason", "decided_at", "project"])
    if project is not None and project.status == LabellingStatus.PROPOSED and not project.submitted_at:
        project.delete()
    _send_to_applicant(
        locked,
        template="declined",
        subject=gettext_lazy("Your application “%(title)s” was not accepted"),
        base_url=base_url,
    )
    application.refresh_from_db()
    return application
