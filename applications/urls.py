from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "applications"

urlpatterns = [
    path(pgettext_lazy("URL", "apply/"), views.apply, name="apply"),
    path(pgettext_lazy("URL", "apply/received/"), views.received, name="received"),
    path(pgettext_lazy("URL", "apply/track/<str:token>/"), views.track, name="track"),
]
