from django import template

from applications.models import Application, ApplicationState

register = template.Library()


@register.inclusion_tag("admin/applications/_waiting.html", takes_context=True)
def applications_waiting(context, limit: int = 10):
    """The staff desk's list of applications for the label that wait for a decision, oldest first."""
    if not context["request"].user.has_perm("applications.view_application"):
        return {"show": False}
    waiting = Application.objects.filter(state=ApplicationState.RECEIVED).order_by("received_at", "pk")
    return {"show": True, "applications": waiting[:limit], "count": waiting.count()}
