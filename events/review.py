"""Changes to live projects, reviewed before the public sees them (as Wagtail's moderation).

Someone who may not publish (an editor) and who saves a published project does not change it: the
form's content becomes a pending `ProjectRevision`, and the public keeps seeing the published
version (the project's row is not written, so nothing cached changes). The labelling committee reads
the proposal as a diff against the published version and approves it (`approve_revision` applies it
like an admin save: new version, derived data, history, labelling log) or sends it back with a
comment (`send_back_revision`).

A revision's content is a snapshot: {"fields": {name: value}, "themes": [pk], "french": [pk],
"russian": [pk]} (partners in programme order), dates as ISO strings, the French region as a pk.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners.models import Partner, Territory

from . import completeness, notifications, services
from .models import (
    LabellingStatus,
    Project,
    ProjectRevision,
    RevisionState,
    Side,
    StatusChange,
    Theme,
)
from .periods import Precision

LANGUAGES = ("fr", "ru", "en")
TRANSLATED = ("title", "description", "planned_text", "editorial_note")
TEXT_FIELDS = tuple(f"{name}_{lang}" for name in TRANSLATED for lang in LANGUAGES)
DATE_FIELDS = ("planned_start", "planned_end")
PLAIN_FIELDS = (
    "planned_precision",
    "planned_source",
    "has_unnamed_french_partners",
    "has_unnamed_russian_partners",
)
FIELDS = (*TEXT_FIELDS, *DATE_FIELDS, *PLAIN_FIELDS, "french_region")
# The permission that lets a save of a published project go straight to the public.
PUBLISH_PERMISSION = "events.publish_project"


def needs_review(*, project: Project, user) -> bool:
    """Whether `user`'s save of `project` must wait for the committee."""
    return project.status == LabellingStatus.PUBLISHED and not user.has_perm(PUBLISH_PERMISSION)


def _field_value(name, value):
    if name in DATE_FIELDS:
        return value.isoformat() if value else None
    if name == "french_region":
        return value.pk if value else None
    if name in TEXT_FIELDS:
        return value or ""
    return value


def snapshot(project: Project) -> dict:
    """The reviewable content of `project` as it is in the database."""
    participations = list(project.participations.order_by("side", "position", "id"))
    return {
        "fields": {name: _field_value(name, getattr(project, name)) for name in FIELDS},
        "themes": sorted(project.themes.values_list("pk", flat=True)),
        "french": [p.partner_id for p in participations if p.side == Side.FRENCH],
        "russian": [p.partner_id for p in participations if p.side == Side.RUSSIAN],
    }


def snapshot_from_form(form, participation_formset) -> dict:
    """The content an admin change form proposes (its cleaned data and its partners' inline, or the
    project's current partners when there is no inline: a history revert)."""
    data = form.cleaned_data
    if participation_formset is None:  # a history revert: the partners stay as they are now
        current = snapshot(Project.objects.get(pk=form.instance.pk))
        return {
            "fields": {
                name: _field_value(name, data[name] if name in data else getattr(form.instance, name))
                for name in FIELDS
            },
            "themes": sorted(theme.pk for theme in data.get("themes", [])),
            "french": current["french"],
            "russian": current["russian"],
        }
    rows = []
    for inline in participation_formset.forms:
        row = getattr(inline, "cleaned_data", None) or {}
        if row.get("partner") and not row.get("DELETE"):
            rows.append((row["side"], row.get("position") or 0, len(rows), row["partner"].pk))
    rows.sort()
    fields = {}
    for name in FIELDS:
        value = data[name] if name in data else getattr(form.instance, name)
        fields[name] = _field_value(name, value)
    return {
        "fields": fields,
        "themes": sorted(theme.pk for theme in data.get("themes", [])),
        "french": [pk for side, _pos, _n, pk in rows if side == Side.FRENCH],
        "russian": [pk for side, _pos, _n, pk in rows if side == Side.RUSSIAN],
    }


# The diff shown to the committee

LABELS = {
    "title": gettext_lazy("Title"),
    "description": gettext_lazy("Description"),
    "planned_text": gettext_lazy("Planned date as worded"),
    "editorial_note": gettext_lazy("About this entry"),
    "planned_start": gettext_lazy("Planned start"),
    "planned_end": gettext_lazy("Planned end"),
    "planned_precision": gettext_lazy("Precision of the planned date"),
    "planned_source": gettext_lazy("Date taken from"),
    "has_unnamed_french_partners": gettext_lazy("Other French partners"),
    "has_unnamed_russian_partners": gettext_lazy("Other Russian partners"),
    "french_region": gettext_lazy("French region"),
    "themes": gettext_lazy("Themes"),
    "french": gettext_lazy("French partners"),
    "russian": gettext_lazy("Russian partners"),
}


@dataclass(frozen=True)
class ChangedField:
    key: str
    label: str
    current: str
    proposed: str

    @property
    def marked(self) -> tuple[str, str]:
        """(current, proposed) as HTML, the words that differ in <del> and <ins>."""
        return highlight(self.current, self.proposed)


def highlight(before: str, after: str) -> tuple[str, str]:
    """Word-level differences of two texts as escaped HTML: removed words in <del>, added in <ins>."""
    old, new = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
    marked_old, marked_new = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        removed, added = escape("".join(old[i1:i2])), escape("".join(new[j1:j2]))
        if tag == "equal":
            marked_old.append(removed)
            marked_new.append(added)
            continue
        if removed:
            marked_old.append(f"<del>{removed}</del>")
        if added:
            marked_new.append(f"<ins>{added}</ins>")
    return mark_safe("".join(marked_old)), mark_safe("".join(marked_new))  # noqa: S308 - escaped above


def _shown(key, value, names) -> str:
    if key in ("themes", "french", "russian"):
        return ", ".join(names[key].get(pk, "?") for pk in value) or "—"
    if key == "french_region":
        return names["regions"].get(value, "—") if value else "—"
    if key == "planned_precision":
        return str(Precision(value).label) if value in Precision.values else str(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value or "—"


def diff(current: dict, proposed: dict) -> list[ChangedField]:
    """The fields `proposed` changes from `current`, in the order of the form, each language apart."""
    keys = [*FIELDS, "themes", "french", "russian"]
    changed = []
    for key in keys:
        before = current["fields"].get(key) if key in FIELDS else current[key]
        after = proposed["fields"].get(key) if key in FIELDS else proposed[key]
        if before != after:
            changed.append((key, before, after))
    pks = lambda key: {pk for k, b, a in changed if k == key for pk in (b or []) + (a or [])}  # noqa: E731
    partner_pks = pks("french") | pks("russian")
    names = {
        "themes": dict(Theme.objects.filter(pk__in=pks("themes")).values_list("pk", "name")),
        "french": dict(Partner.objects.filter(pk__in=partner_pks).values_list("pk", "name")),
        "regions": dict(
            Territory.objects.filter(
                pk__in=[v for k, b, a in changed if k == "french_region" for v in (b, a) if v]
            ).values_list("pk", "name")
        ),
    }
    names["russian"] = names["french"]
    rows = []
    for key, before, after in changed:
        base, _sep, lang = key.rpartition("_")
        label = f"{LABELS[base]} ({lang.upper()})" if key in TEXT_FIELDS else str(LABELS[key])
        rows.append(ChangedField(key, label, _shown(key, before, names), _shown(key, after, names)))
    return rows


# Proposing, approving, sending back


def draft_for(*, project: Project, user) -> ProjectRevision | None:
    """The proposal the change form of `project` starts from for `user`, as Wagtail's editors see
    the latest draft: the latest change waiting for review or sent back, when `user`'s saves are
    reviewed. Only when its partners are the published ones: the partners' inline always shows the
    project's own rows."""
    if not needs_review(project=project, user=user):
        return None
    latest = project.revisions.order_by("-created_at", "-id").first()
    if latest is None or latest.state not in (RevisionState.PENDING, RevisionState.SENT_BACK):
        return None
    current = snapshot(project)
    if (latest.content["french"], latest.content["russian"]) != (current["french"], current["russian"]):
        return None
    return latest


def initial_from(revision: ProjectRevision) -> dict:
    """A revision's content as the initial data of the admin's project form."""
    fields = revision.content["fields"]
    initial = {name: value for name, value in fields.items() if name in FIELDS}
    for name in DATE_FIELDS:
        initial[name] = date.fromisoformat(fields[name]) if fields.get(name) else None
    initial["themes"] = list(revision.content["themes"])
    return initial


def _gaps(project: Project) -> list:
    participations = project.participations.select_related("partner__territory").order_by("side", "position")
    return completeness.missing(project, participations)


def compared_with(revision: ProjectRevision) -> dict:
    """What a revision's page compares it with: what it replaced once approved, the project as it
    is now otherwise."""
    if revision.state == RevisionState.APPROVED and "replaced" in revision.content:
        return revision.content["replaced"]
    return snapshot(revision.project)


def pending_revision(project: Project) -> ProjectRevision | None:
    return project.revisions.filter(state=RevisionState.PENDING).order_by("-created_at", "-id").first()


@transaction.atomic
def propose_change(*, project: Project, user, content: dict) -> ProjectRevision:
    """Keep `content` as a change of the published `project` waiting for review; an earlier pending
    proposal is replaced by this one. The project itself is not written."""
    if project.status != LabellingStatus.PUBLISHED:
        raise ValidationError(_("Only changes to a published project wait for review."), code="not_published")
    if not user.has_perm("events.change_project"):
        raise PermissionDenied(_("You are not allowed to change projects."))
    project.revisions.filter(state=RevisionState.PENDING).update(state=RevisionState.SUPERSEDED)
    revision = ProjectRevision.objects.create(
        project=project, author=user, base_version=project.version, content=content
    )
    notifications.revision_proposed(revision=revision)
    return revision


def _lock_pending(revision: ProjectRevision, user, permission: str) -> ProjectRevision:
    if not user.has_perm(permission):
        raise PermissionDenied(_("You are not allowed to review changes to published projects."))
    locked = ProjectRevision.objects.select_for_update().select_related("project").get(pk=revision.pk)
    if locked.state != RevisionState.PENDING:
        raise ValidationError(
            _("This change is no longer waiting for review (%(state)s).")
            % {"state": locked.get_state_display()},
            code="not_pending",
        )
    return locked


@transaction.atomic
def approve_revision(*, revision: ProjectRevision, user, comment: str = "") -> Project:
    """Apply a pending change to its published project, as an admin save would: a new version,
    planned wording, derived data (territories, pairs, search text), the history and the labelling
    log. The public sees it from then on."""
    revision = _lock_pending(revision, user, PUBLISH_PERMISSION)
    project = Project.objects.select_for_update().get(pk=revision.project_id)
    if project.status != LabellingStatus.PUBLISHED:
        raise ValidationError(
            _("“%(title)s” is no longer published: this change cannot be applied.")
            % {"title": project.title},
            code="not_published",
        )
    content = revision.content
    before = snapshot(project)
    gaps_before = {item.code for item in _gaps(project)}
    for name, value in content["fields"].items():
        if name in DATE_FIELDS:
            setattr(project, name, date.fromisoformat(value) if value else None)
        elif name == "french_region":
            project.french_region_id = value
        elif name in FIELDS:
            setattr(project, name, value)
    services.generate_planned_wording(project=project)
    project._history_user = user
    project._change_reason = _("Change #%(number)d approved") % {"number": revision.pk}
    try:
        project.full_clean(exclude=["slug", "themes", "partners"], validate_unique=False)
    except ValidationError as error:
        raise ValidationError(
            _("This change cannot be applied: %(errors)s") % {"errors": " ".join(error.messages)},
            code="invalid_revision",
        ) from error
    project.save()
    partners = Partner.objects.in_bulk([*content["french"], *content["russian"]])
    services.set_participants(
        project=project,
        french=[partners[pk] for pk in content["french"] if pk in partners],
        russian=[partners[pk] for pk in content["russian"] if pk in partners],
        themes=Theme.objects.filter(pk__in=content["themes"]),
    )
    # A change may leave a gap the published version already had (the programme's own entries lack
    # some), never open a new one: that would publish less than the workflow asked for.
    new_gaps = [
        item for item in _gaps(project) if item.kind == completeness.REQUIRED and item.code not in gaps_before
    ]
    if new_gaps:
        raise ValidationError(
            [
                ValidationError(
                    _("This change cannot be approved: %(missing)s") % {"missing": item.message},
                    code="incomplete",
                )
                for item in new_gaps
            ]
        )
    revision.state = RevisionState.APPROVED
    revision.reviewer, revision.reviewed_at, revision.comment = user, timezone.now(), comment.strip()
    # What the change replaced, so that its page still shows the diff once approved.
    revision.content = {**content, "replaced": before}
    revision.save(update_fields=["state", "reviewer", "reviewed_at", "comment", "content"])
    StatusChange.objects.create(
        project=project,
        action="approve_change",
        from_status=LabellingStatus.PUBLISHED,
        to_status=LabellingStatus.PUBLISHED,
        changed_by=user,
        note=_("Change #%(number)d proposed by %(author)s approved. %(comment)s")
        % {"number": revision.pk, "author": revision.author or "—", "comment": comment.strip()},
    )
    revision.project = project = Project.objects.get(pk=project.pk)  # as approved, for the message
    notifications.revision_reviewed(revision=revision)
    return project


@transaction.atomic
def send_back_revision(*, revision: ProjectRevision, user, comment: str) -> ProjectRevision:
    """Return a pending change to its author with a comment; the published project stays as it is."""
    if not (comment or "").strip():
        raise ValidationError(_("Say what should be changed."), code="comment_required")
    revision = _lock_pending(revision, user, "events.label_project")
    revision.state = RevisionState.SENT_BACK
    revision.reviewer, revision.reviewed_at, revision.comment = user, timezone.now(), comment.strip()
    revision.save(update_fields=["state", "reviewer", "reviewed_at", "comment"])
    StatusChange.objects.create(
        project=revision.project,
        action="send_back_change",
        from_status=LabellingStatus.PUBLISHED,
        to_status=LabellingStatus.PUBLISHED,
        changed_by=user,
        note=comment.strip(),
    )
    notifications.revision_reviewed(revision=revision)
    return revision


# The committee's requests for changes, and the steps that answer them.
REQUESTS = ("send_back", "send_back_change")
ANSWERS = ("submit", "label", "publish", "approve_change", "withdraw")


def latest_comment(project: Project):
    """The committee's latest request for changes still open on `project`, as (when, by, comment), or
    None: a project sent back and not resubmitted since, or a change sent back and not proposed again."""
    change = (
        StatusChange.objects.filter(project=project, action__in=[*REQUESTS, *ANSWERS])
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
        .first()
    )
    if change is None or change.action in ANSWERS:
        return None
    if change.action == "send_back_change" and pending_revision(project) is not None:
        return None
    return change
