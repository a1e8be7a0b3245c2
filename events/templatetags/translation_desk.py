from django import template

from events import freshness
from events.models import Project

register = template.Library()


@register.inclusion_tag("admin/events/translation_freshness.html", takes_context=True)
def translation_freshness(context):
    """The dashboard's count of translations whose French source changed since they were written."""
    if not context["request"].user.has_perm("events.view_project"):
        return {"show": False}
    projects = Project.objects.all()
    return {
        "show": True,
        "stale_ru": len(freshness.out_of_date_ids(projects, "ru")),
        "stale_en": len(freshness.out_of_date_ids(projects, "en")),
    }
