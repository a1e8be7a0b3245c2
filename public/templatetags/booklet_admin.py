from django import template

from public.models import Booklet

register = template.Library()


@register.inclusion_tag("admin/public/booklet_failures.html", takes_context=True)
def booklet_failures(context):
    """The booklets whose last rebuild failed (they still serve their previous edition)."""
    if not context["request"].user.has_perm("public.view_booklet"):
        return {"failed": []}
    return {"failed": list(Booklet.objects.defer("pdf").exclude(error="").order_by("-failed_at")[:10])}
