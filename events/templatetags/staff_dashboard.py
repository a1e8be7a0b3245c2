from django import template
from django.db.models import Count, Q

from events import imports, review
from events.admin import missing_translation
from events.models import LabellingStatus, Project, ProjectRevision, RevisionState, Theme

register = template.Library()


@register.inclusion_tag("admin/events/dashboard.html", takes_context=True)
def staff_dashboard(context):
    """Counts by status and theme, the labelling queue and the translations still missing."""
    request = context["request"]
    if not request.user.has_perm("events.view_project"):
        return {"show": False}
    # .order_by(): the model's default ordering would otherwise split the groups (one per project).
    by_status = dict(Project.objects.order_by().values_list("status").annotate(n=Count("id")))
    return {
        "show": True,
        "statuses": [(label, by_status.get(value, 0), value) for value, label in LabellingStatus.choices],
        "themes": Theme.objects.annotate(
            published=Count("projects", filter=Q(projects__status=LabellingStatus.PUBLISHED)),
            pending=Count(
                "projects",
                filter=Q(projects__status__in=[LabellingStatus.PROPOSED, LabellingStatus.LABELLED]),
            ),
        ),
        "waiting": Project.objects.filter(
            status=LabellingStatus.PROPOSED, submitted_at__isnull=False
        ).order_by("submitted_at")[:10],
        "pending_revisions": ProjectRevision.objects.filter(state=RevisionState.PENDING)
        .select_related("project", "author")
        .order_by("created_at"),
        "sent_back": sent_back(),
        "imported": imports.imported_not_submitted().order_by("pk")[:10],
        "imported_count": imports.imported_not_submitted().count(),
        "missing_ru": Project.objects.filter(missing_translation("ru")).count(),
        "missing_en": Project.objects.filter(missing_translation("en")).count(),
    }


def sent_back(limit: int = 20) -> list:
    """(project, status change) of the projects and changes the committee sent back and that nobody
    has answered yet (resubmitted, proposed again), latest first."""
    candidates = (
        Project.objects.filter(status_changes__action__in=review.REQUESTS)
        .exclude(status=LabellingStatus.WITHDRAWN)
        .order_by()
        .distinct()
    )
    rows = []
    for project in candidates:
        comment = review.latest_comment(project)
        if comment is not None:
            rows.append((project, comment))
    rows.sort(key=lambda row: (row[1].changed_at, row[1].pk), reverse=True)
    return rows[:limit]
