from django import template
from django.db.models import Count, Q

from events.admin import missing_translation
from events.models import LabellingStatus, Project, Theme

register = template.Library()


@register.inclusion_tag("admin/events/dashboard.html", takes_context=True)
def staff_dashboard(context):
    """Counts by status and theme, the labelling queue and the translations still missing."""
    request = context["request"]
    if not request.user.has_perm("events.view_project"):
        return {"show": False}
    by_status = dict(Project.objects.values_list("status").annotate(n=Count("id")))
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
        "missing_ru": Project.objects.filter(missing_translation("ru")).count(),
        "missing_en": Project.objects.filter(missing_translation("en")).count(),
    }
