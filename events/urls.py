from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "events"

urlpatterns = [
    path(pgettext_lazy("URL", "projects/"), views.project_list, name="project-list"),
    path(pgettext_lazy("URL", "projects/<slug:slug>/"), views.project_detail, name="project-detail"),
    path(pgettext_lazy("URL", "themes/<slug:slug>/"), views.theme_detail, name="theme-detail"),
    path(pgettext_lazy("URL", "calendar/"), views.calendar, name="calendar"),
]
