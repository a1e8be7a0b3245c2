from django.urls import path
from django.utils.translation import pgettext_lazy

from ..views import about as views

app_name = "about"

urlpatterns = [
    path(
        pgettext_lazy("URL", "legal-notice/"), views.about_page, {"page": "legal-notice"}, name="legal-notice"
    ),
    path(
        pgettext_lazy("URL", "accessibility/"),
        views.about_page,
        {"page": "accessibility"},
        name="accessibility",
    ),
    path(
        pgettext_lazy("URL", "personal-data/"),
        views.about_page,
        {"page": "personal-data"},
        name="personal-data",
    ),
    path(pgettext_lazy("URL", "contact/"), views.about_page, {"page": "contact"}, name="contact"),
    path(pgettext_lazy("URL", "organisers/"), views.about_page, {"page": "organisers"}, name="organisers"),
    path(pgettext_lazy("URL", "embed/code/"), views.widget_code, name="widget-code"),
]
